import { computed, onMounted, ref, type ComputedRef } from 'vue';
import { useSessionStore } from './session';

/**
 * Whether a page may show what the reader's plan means (buy, upgrade, join): only in the browser, once
 * it is known who is signed in, and while the session has not ended under them. Until then paywalls and
 * plan cards show a neutral "Sign in to see your plan", so a paying member whose session is loading or
 * lost is never offered what they already have. False on the server and during hydration, so both
 * render the same.
 */
export function usePlanKnown(): ComputedRef<boolean> {
  const session = useSessionStore();
  const mounted = ref(false);
  onMounted(() => (mounted.value = true));
  return computed(() => mounted.value && session.known && session.lost === null);
}
