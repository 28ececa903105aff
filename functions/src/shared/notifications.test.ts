import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS, mailWanted, notificationPrefsOf, showsInApp } from './notifications';

describe('notificationPrefsOf', () => {
  it.each([
    ['nothing stored: defaults, event mails on', {}, 'both'],
    ['the older switch off: event mails off', { emailPrefs: { newsletter: true, events: false } }, 'app'],
    [
      'a chosen channel wins over the older switch',
      { emailPrefs: { events: false }, notificationPrefs: { event: 'email' } },
      'email',
    ],
    ['a junk channel is ignored', { notificationPrefs: { event: 'sms' } }, 'both'],
  ])('%s', (_label, member, event) => {
    expect(notificationPrefsOf(member).event).toBe(event);
  });

  it('ignores unknown kinds and inherited keys', () => {
    const prefs = notificationPrefsOf({ notificationPrefs: { nope: 'none', material: 'none', ['__proto__']: 'x' } });
    expect(prefs).toEqual({ ...DEFAULT_NOTIFICATION_PREFS, material: 'none' });
  });
});

describe('channels', () => {
  it.each([
    ['app', true, false],
    ['email', false, true],
    ['both', true, true],
    ['none', false, false],
  ] as const)('%s: app %s, mail %s', (channel, app, mail) => {
    const prefs = { ...DEFAULT_NOTIFICATION_PREFS, event: channel };
    expect(showsInApp(prefs, 'event')).toBe(app);
    expect(mailWanted(prefs, 'event')).toBe(mail);
  });

  it('billing mail goes whatever the channel (receipts are owed)', () => {
    expect(mailWanted({ ...DEFAULT_NOTIFICATION_PREFS, billing: 'none' }, 'billing')).toBe(true);
  });
});
