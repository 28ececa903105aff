// After an in-app page change, focus goes to the new page's heading and its title is announced (a polite live
// region in App.vue), as a page load would do for a screen reader. Not on the first navigation: the server's
// HTML (or the shell) is already that page, and hydration moves nothing.
import { nextTick, onScopeDispose, ref, type Ref } from 'vue';
import { START_LOCATION, useRouter, type RouteLocationNormalized } from 'vue-router';

/** Another page: not the first navigation, and not a change of the query or hash only (filters, views). */
export function isPageChange(to: RouteLocationNormalized, from: RouteLocationNormalized): boolean {
  return from !== START_LOCATION && to.path !== from.path;
}

/** Calls `found` with the first `h1` in `root` once there is one (views render theirs when data arrives), or
 * with null after `waitMs`. Returns how to stop waiting. */
export function whenHeading(root: HTMLElement, found: (h1: HTMLElement | null) => void, waitMs: number): () => void {
  const look = () => root.querySelector<HTMLElement>('h1');
  const now = look();
  if (now) {
    found(now);
    return () => {};
  }
  const observer = new MutationObserver(() => {
    const h1 = look();
    if (h1) done(h1);
  });
  const timer = setTimeout(() => done(null), waitMs);
  function done(h1: HTMLElement | null) {
    stop();
    found(h1);
  }
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(root, { childList: true, subtree: true });
  return stop;
}

/** The text for the live region, kept up to date by the router (a no-op on the server). */
export function useRouteFocus(mainId = 'main', waitMs = 5000): Ref<string> {
  const announcement = ref('');
  if (import.meta.env.SSR) return announcement;
  let cancel = () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const removeHook = useRouter().afterEach((to, from, failure) => {
    if (failure || !isPageChange(to, from)) return;
    cancel();
    clearTimeout(timer);
    announcement.value = '';
    // The new view renders on the next tick.
    void nextTick(() => {
      const main = document.getElementById(mainId);
      if (!main) return;
      cancel = whenHeading(
        main,
        (h1) => {
          const target = h1 ?? main;
          if (h1) h1.setAttribute('tabindex', '-1');
          target.focus({ preventScroll: true });
          // The page's head (usePageHead) is written to the document a moment after its data arrives.
          timer = setTimeout(() => (announcement.value = document.title), 100);
        },
        waitMs,
      );
    });
  });
  onScopeDispose(() => {
    removeHook();
    cancel();
    clearTimeout(timer);
  });
  return announcement;
}
