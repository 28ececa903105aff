import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { EventPage } from '@/api/calendar';
import type { EventItem } from '@/lib/events';

/** A calendar list the server rendered: for one access filter, read at `now`. */
export interface ServedCalendar {
  access: string;
  now: number;
  upcoming: EventPage;
  past: EventPage;
}

/** Events a page was rendered from on the server: the calendar's first pages and event pages by id (null: not found). */
export const useEventsStore = defineStore('events', () => {
  const calendar = shallowRef<ServedCalendar | null>(null);
  const served = ref<Record<string, EventItem | null>>({});
  function serveCalendar(value: ServedCalendar) {
    calendar.value = value;
  }
  function serve(id: string, event: EventItem | null) {
    served.value = { ...served.value, [id]: event };
  }
  return { calendar, served, serveCalendar, serve };
});
