import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PublicCertificate } from '@shared/public-certificates';

/** Certificates a page was rendered from on the server, by id (null: no such certificate). */
export const useCertificatesStore = defineStore('certificates', () => {
  const served = ref<Record<string, PublicCertificate | null>>({});
  function serve(id: string, certificate: PublicCertificate | null) {
    served.value = { ...served.value, [id]: certificate };
  }
  return { served, serve };
});
