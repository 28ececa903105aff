// The signed-in member's notifications for the bell and the page: their tier's feed (always, one read)
// and their personal news (only while `withPersonal` is true), as one list with the unread count.
import { computed, ref, toValue, type MaybeRefOrGetter } from 'vue';
import { feedSource, markAllRead, personalSource } from '@/api/notifications';
import { useLiveDoc, useLiveQuery } from '@/composables/useLive';
import { errorMessage } from '@/lib/firebase';
import { feedItems, mergeItems, personalItems, unreadCount } from '@/lib/notifications';
import { useSessionStore } from '@/stores/session';

export function useNotifications(withPersonal: MaybeRefOrGetter<boolean>) {
  const session = useSessionStore();
  const tier = computed(() =>
    typeof session.claims?.tier === 'string' ? session.claims.tier : (session.member?.tier ?? null),
  );
  const uid = computed(() => session.user?.uid ?? null);
  const feed = useLiveDoc(() => (tier.value ? feedSource(tier.value) : null));
  const personal = useLiveQuery(() => (uid.value && toValue(withPersonal) ? personalSource(uid.value) : null));
  const count = computed(() => unreadCount(feed.data.value, session.member));
  const items = computed(() => {
    const member = session.member;
    if (!member) return [];
    return mergeItems(feedItems(feed.data.value, member), personalItems(personal.data.value, member));
  });
  const pending = computed(() => feed.pending.value || personal.pending.value);
  const error = computed(() => feed.error.value ?? personal.error.value);
  /** Why the last "Mark all read" failed, in words; empty when it did not. */
  const failure = ref('');
  async function markAll() {
    failure.value = '';
    try {
      if (uid.value) await markAllRead(uid.value);
    } catch (err) {
      failure.value = errorMessage(err);
    }
  }
  return { count, items, pending, error, failure, markAll };
}
