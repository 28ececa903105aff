import { describe, expect, it } from 'vitest';
import { reasonLabel, suppressionRow } from './suppressions';

describe('suppressionRow', () => {
  const at = { toDate: () => new Date('2026-12-01T10:00:00Z') };
  it('reads an entry with the provider’s last word', () => {
    expect(
      suppressionRow('abc', {
        email: 'gone@bounce.test',
        reason: 'hard-bounce',
        suppressedAt: at,
        lastEvent: { type: 'HardBounce', description: 'Mailbox not found.' },
      }),
    ).toEqual({
      id: 'abc',
      email: 'gone@bounce.test',
      reason: 'hard-bounce',
      detail: 'HardBounce: Mailbox not found.',
      suppressedAt: at,
    });
  });

  it('reads an odd entry defensively', () => {
    expect(suppressionRow('abc', { reason: 'toString', lastEvent: 'x', suppressedAt: 5 })).toEqual({
      id: 'abc',
      email: 'abc',
      reason: 'unknown',
      detail: '',
      suppressedAt: null,
    });
  });

  it.each([
    ['hard-bounce', 'Hard bounce'],
    ['complaint', 'Spam complaint'],
    ['soft-bounces', 'Repeated soft bounces'],
    ['unknown', 'Unknown'],
  ] as const)('labels %s', (reason, label) => {
    expect(reasonLabel(reason)).toBe(label);
  });
});
