import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { PublicIssue, PublicIssuePage } from '@shared/newsletter-archive';

/** The archive a page was rendered from on the server: the list, and issue pages by id (null: not found). */
export const useNewsletterArchiveStore = defineStore('newsletterArchive', () => {
  const list = shallowRef<PublicIssue[] | null>(null);
  const pages = ref<Record<string, PublicIssuePage | null>>({});
  function serveList(issues: PublicIssue[]) {
    list.value = issues;
  }
  function serve(id: string, page: PublicIssuePage | null) {
    pages.value = { ...pages.value, [id]: page };
  }
  return { list, pages, serveList, serve };
});
