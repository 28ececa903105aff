import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS } from '@shared/notifications';
import {
  badgeText,
  bellLabel,
  feedItems,
  mergeItems,
  personalItems,
  unreadCount,
  type BellMember,
} from './notifications';

const at = (iso: string) => ({ toDate: () => new Date(iso) });
const entry = (key: string, kind: string, iso: string) => ({
  key,
  kind,
  title: key,
  summary: '',
  url: `/x/${key}`,
  createdAt: at(iso),
});
const feed = {
  entries: [
    entry('material_b', 'material', '2027-01-03T00:00:00Z'),
    entry('poll_p', 'poll', '2027-01-02T00:00:00Z'),
    entry('material_a', 'material', '2027-01-01T00:00:00Z'),
  ],
};
const member = (over: Partial<BellMember> = {}): BellMember => ({
  notificationPrefs: DEFAULT_NOTIFICATION_PREFS,
  notificationsReadAt: null,
  personalUnread: 0,
  ...over,
});

describe('unreadCount', () => {
  it.each([
    ['nothing read yet', member(), 3],
    ['read up to the second entry', member({ notificationsReadAt: new Date('2027-01-02T00:00:00Z') }), 1],
    ['all read', member({ notificationsReadAt: new Date('2027-01-05T00:00:00Z') }), 0],
    [
      'all read, two personal unread',
      member({ notificationsReadAt: new Date('2027-01-05T00:00:00Z'), personalUnread: 2 }),
      2,
    ],
    ['polls off in the app', member({ notificationPrefs: { ...DEFAULT_NOTIFICATION_PREFS, poll: 'none' } }), 2],
  ])('%s', (_label, m, count) => {
    expect(unreadCount(feed, m)).toBe(count);
  });

  it('is 0 without a member or a feed', () => {
    expect(unreadCount(feed, null)).toBe(0);
    expect(unreadCount(null, member())).toBe(0);
    expect(unreadCount({ entries: 'junk' }, member())).toBe(0);
  });
});

describe('feedItems, personalItems, mergeItems', () => {
  it('marks unread, drops kinds off in the app and unknown kinds, keeps in-app links only', () => {
    const m = member({
      notificationsReadAt: new Date('2027-01-02T12:00:00Z'),
      notificationPrefs: { ...DEFAULT_NOTIFICATION_PREFS, poll: 'email' },
    });
    const items = feedItems({ entries: [...feed.entries, { ...entry('x', 'spam', '2027-01-04T00:00:00Z') }] }, m);
    expect(items.map((i) => [i.id, i.unread])).toEqual([
      ['material_b', true],
      ['material_a', false],
    ]);
    const personal = personalItems(
      [{ id: 'n1', kind: 'billing', title: 'Paid', body: 'Thanks', url: 'https://evil.test', createdAt: null }],
      m,
    );
    expect(personal[0]).toMatchObject({ url: '/', summary: 'Thanks', unread: true, kindLabel: 'Billing' });
    expect(mergeItems(items, personal).map((i) => i.id)).toEqual(['n1', 'material_b', 'material_a']);
  });
});

describe('labels', () => {
  it.each([
    [0, 'Notifications, none unread', ''],
    [3, 'Notifications, 3 unread', '3'],
    [150, 'Notifications, 150 unread', '99+'],
  ])('%i', (n, label, badge) => {
    expect(bellLabel(n)).toBe(label);
    expect(badgeText(n)).toBe(badge);
  });
});
