// The newsletter archive's server data (see server-data.ts), a server-only chunk: archived teasers and the HTML of
// public sections only, through the PublicReader; a gated section is never read on the server.
import { ARCHIVE_LIMIT } from '@shared/newsletter-archive';
import { useNewsletterArchiveStore } from '@/stores/newsletter-archive';
import type { ServerData } from './server-data';

export const newslettersData: ServerData = async ({ reader, pinia }) => {
  useNewsletterArchiveStore(pinia).serveList(await reader.newsletters(ARCHIVE_LIMIT));
};

export const newsletterData: ServerData = async ({ route, reader, pinia }) => {
  const id = String(route.params.id);
  const page = await reader.newsletter(id);
  useNewsletterArchiveStore(pinia).serve(id, page);
  return page ? 200 : 404;
};
