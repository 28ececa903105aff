import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { PublicPoll } from '@shared/public-polls';

/** Polls a page was rendered from on the server (times in milliseconds): the list, and polls by id (null: not
 * found). `now` is the server's clock, so "open until" / "closed" render the same while hydrating. */
export const usePollsStore = defineStore('polls', () => {
  const list = shallowRef<PublicPoll[] | null>(null);
  const served = ref<Record<string, PublicPoll | null>>({});
  const now = ref<number | null>(null);
  function serveList(polls: PublicPoll[], at: number) {
    list.value = polls;
    now.value = at;
  }
  function serve(id: string, poll: PublicPoll | null, at: number) {
    served.value = { ...served.value, [id]: poll };
    now.value = at;
  }
  return { list, served, now, serveList, serve };
});
