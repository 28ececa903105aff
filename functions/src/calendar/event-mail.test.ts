import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../mail/mail-templates';
import { registrationMail } from './event-mail';
import { dueReminder } from './event-reminders';

const APP = 'https://commons.example';
const data = {
  title: 'SQL office hours',
  when: 'Thursday, 14 January 2027, 18:00–19:00 (Europe/Berlin)',
  pageUrl: `${APP}/events/ev1`,
};

describe('registrationMail', () => {
  it.each([
    ['a new registration', undefined, { status: 'registered', source: 'web' }, 'event-registered'],
    ['a new waitlist entry', undefined, { status: 'waitlisted', source: 'web' }, 'event-waitlisted'],
    ['a promotion', { status: 'waitlisted' }, { status: 'registered', source: 'web' }, 'event-promoted'],
    ['a guest imported from Luma', undefined, { status: 'registered', source: 'luma' }, null],
    ['a withdrawal', { status: 'registered' }, undefined, null],
    ['a rewrite without change', { status: 'registered' }, { status: 'registered', source: 'web' }, null],
    ['a move back to the waitlist', { status: 'registered' }, { status: 'waitlisted', source: 'web' }, null],
  ] as const)('%s', (_what, before, after, expected) => {
    expect(registrationMail(before, after)).toBe(expected);
  });
});

describe('dueReminder', () => {
  const start = Date.parse('2027-01-14T17:00:00Z');
  const h = 3_600_000;
  it.each([
    [start - 25 * h, null],
    [start - 24 * h, '24h'],
    [start - 2 * h, '24h'],
    [start - h, '1h'],
    [start - 1, '1h'],
    [start, null],
  ] as const)('at start %# is %s', (now, lead) => {
    expect(dueReminder(start, now)).toBe(lead);
  });
});

describe('event mail templates', () => {
  it('name the event, its time and its page, never a join link', () => {
    for (const [template, d] of [
      ['event-registered', data],
      ['event-waitlisted', data],
      ['event-promoted', data],
      ['event-rescheduled', data],
      ['event-cancelled', { ...data, invite: true }],
      ['event-reminder', { ...data, lead: '24h' }],
    ] as const) {
      const mail = renderTemplate(template, d as never, APP);
      expect(mail.subject, template).toContain(data.title);
      expect(mail.text, template).toContain(data.when);
      expect(mail.text, template).toContain(`: ${data.pageUrl}`);
      expect(mail.html, template).toContain(`href="${data.pageUrl}"`);
    }
  });

  it('say which reminder it is and whether a cancellation is attached', () => {
    expect(renderTemplate('event-reminder', { ...data, lead: '1h' }, APP).subject).toBe(
      'Starting in an hour: SQL office hours',
    );
    expect(renderTemplate('event-reminder', { ...data, lead: '24h' }, APP).subject).toBe('Tomorrow: SQL office hours');
    expect(renderTemplate('event-cancelled', { ...data, invite: true }, APP).text).toContain('attached cancellation');
    expect(renderTemplate('event-cancelled', { ...data, invite: false }, APP).text).not.toContain('attached');
  });

  it('escape the title in HTML', () => {
    const mail = renderTemplate('event-registered', { ...data, title: '<script>x</script>' }, APP);
    expect(mail.html).not.toContain('<script>x');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});
