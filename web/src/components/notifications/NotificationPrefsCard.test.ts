// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, reactive, type App } from 'vue';
import { DEFAULT_NOTIFICATION_PREFS, type NotificationPrefs } from '@shared/notifications';
import NotificationPrefsCard from './NotificationPrefsCard.vue';

// The session as the card reads it: the signed-in user and their live member document.
const session = reactive({
  user: { uid: 'm1' } as { uid: string } | null,
  member: { notificationPrefs: { ...DEFAULT_NOTIFICATION_PREFS } } as { notificationPrefs: NotificationPrefs } | null,
});
vi.mock('@/stores/session', () => ({ useSessionStore: () => session }));
const saved: NotificationPrefs[] = [];
vi.mock('@/api/notifications', () => ({
  saveNotificationPrefs: async (_uid: string, prefs: NotificationPrefs) => void saved.push({ ...prefs }),
}));

let app: App | undefined;
afterEach(() => app?.unmount());

const select = () => document.querySelector<HTMLSelectElement>('select[name="notify-material"]')!;
const flush = () => new Promise((r) => setTimeout(r));

describe('NotificationPrefsCard', () => {
  it('keeps what the member chose when their document changes before they save', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    app = createApp(NotificationPrefsCard);
    app.mount('#app');
    expect(select().value).toBe(DEFAULT_NOTIFICATION_PREFS.material);

    select().value = 'none';
    select().dispatchEvent(new Event('change'));
    // Another field of members/{uid} moves (a token stamp): a new snapshot, the stored choice still the old one.
    session.member = { notificationPrefs: { ...DEFAULT_NOTIFICATION_PREFS } };
    await nextTick();
    expect(select().value).toBe('none');

    document.querySelector('form')!.dispatchEvent(new Event('submit'));
    await flush();
    expect(saved.at(-1)?.material).toBe('none');
    // Saved: the card follows the document again (here, a change made in another tab).
    session.member = { notificationPrefs: { ...DEFAULT_NOTIFICATION_PREFS, material: 'none', poll: 'none' } };
    await nextTick();
    expect(document.querySelector<HTMLSelectElement>('select[name="notify-poll"]')!.value).toBe('none');
  });
});
