import { onMounted, ref, type Ref } from 'vue';

/**
 * Whether a page shows times on the viewer's clock: false while rendering on the server and hydrating (both sides
 * write the event's own clock, the same text), true from the task after hydration. Not within it: redrawing every
 * card on another clock would lengthen the boot task (TBT on a phone).
 */
export function useViewerClock(): Readonly<Ref<boolean>> {
  const viewer = ref(false);
  onMounted(() => setTimeout(() => (viewer.value = true)));
  return viewer;
}
