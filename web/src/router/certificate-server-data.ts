// The certificate page's server data: the certificate's public fields only (PublicReader.certificate); 404 for
// anything that is not a certificate. A revoked one renders too, saying so.
import { useCertificatesStore } from '@/stores/certificates';
import type { ServerData } from './server-data';

export const certificateData: ServerData = async ({ route, reader, pinia }) => {
  const id = String(route.params.id);
  const certificate = await reader.certificate(id);
  useCertificatesStore(pinia).serve(id, certificate);
  return certificate ? 200 : 404;
};
