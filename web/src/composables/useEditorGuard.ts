// What every admin editor does so that work is not lost (issue 15): it knows when its form differs from what
// was loaded or saved, asks in the app's own dialog before a route change leaves unsaved work (and lets the
// browser ask before a reload or a closed tab), and drops a field's message as soon as that field changes.
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router';
import { FIX_FIELDS_MESSAGE, snapshot, withoutStale } from '@/lib/form-state';

export function useEditorGuard(form: object, fieldErrors: Ref<Record<string, string>>, formError?: Ref<string>) {
  const baseline = ref(snapshot(form));
  const current = computed(() => snapshot(form));
  /** The form differs from what was loaded or last saved. */
  const dirty = computed(() => current.value !== baseline.value);
  /** After a load or a successful save: this is what "unchanged" means now. */
  const markClean = () => (baseline.value = snapshot(form));

  watch(current, (after, before) => {
    const kept = withoutStale(fieldErrors.value, before, after);
    if (kept === fieldErrors.value) return;
    fieldErrors.value = kept;
    if (formError?.value === FIX_FIELDS_MESSAGE && Object.keys(kept).length === 0) formError.value = '';
  });

  /** The leave dialog is open; the route change waits for its answer. */
  const asking = ref(false);
  let decide: ((leave: boolean) => void) | null = null;
  function answer(leave: boolean) {
    const d = decide;
    decide = null;
    asking.value = false;
    d?.(leave);
  }
  // Closed any other way (Keep editing, Escape): stay.
  watch(asking, (open) => {
    if (!open && decide) answer(false);
  });
  const ask = () => {
    if (!dirty.value) return true;
    asking.value = true;
    return new Promise<boolean>((resolve) => (decide = resolve));
  };
  // Another page, or the same editor on another document (a duplicate's address).
  onBeforeRouteLeave(ask);
  onBeforeRouteUpdate(ask);

  if (typeof window !== 'undefined') {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty.value) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers ask only when this is set
    };
    window.addEventListener('beforeunload', beforeUnload);
    onScopeDispose(() => window.removeEventListener('beforeunload', beforeUnload));
  }

  return { dirty, markClean, asking, answer };
}
