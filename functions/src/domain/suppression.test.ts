import { describe, expect, it } from 'vitest';
import {
  afterBounce,
  basicAuthHeader,
  basicAuthMatches,
  bounceKind,
  NOT_SUPPRESSED,
  normaliseEmail,
  suppressionId,
  type BounceKind,
  type SuppressionState,
} from './suppression';

const DAY = 24 * 60 * 60 * 1000;
const policy = { limit: 3, windowMs: 7 * DAY };

describe('bounceKind', () => {
  it.each<['Bounce' | 'SpamComplaint', string, BounceKind]>([
    ['Bounce', 'HardBounce', 'hard'],
    ['Bounce', 'BadEmailAddress', 'hard'],
    ['Bounce', 'ManuallyDeactivated', 'hard'],
    ['SpamComplaint', 'SpamComplaint', 'complaint'],
    ['Bounce', 'SpamComplaint', 'complaint'],
    ['Bounce', 'SoftBounce', 'soft'],
    ['Bounce', 'Transient', 'soft'],
    ['Bounce', 'DnsError', 'soft'],
    ['Bounce', 'Blocked', 'soft'],
    ['Bounce', 'AutoResponder', 'ignored'],
    ['Bounce', 'AddressChange', 'ignored'],
    ['Bounce', 'DMARCPolicy', 'ignored'],
    ['Bounce', 'TemplateRenderingFailed', 'ignored'],
    ['Bounce', 'SomethingNew', 'ignored'],
    ['Bounce', 'constructor', 'ignored'],
  ])('%s/%s -> %s', (recordType, type, kind) => {
    expect(bounceKind(recordType, type)).toBe(kind);
  });
});

describe('afterBounce', () => {
  const soft = (times: number[]): SuppressionState => ({ suppressed: false, reason: null, softBounces: times });

  it.each<[string, SuppressionState | null, BounceKind, number, SuppressionState, boolean]>([
    [
      'a hard bounce suppresses at once',
      null,
      'hard',
      0,
      { ...NOT_SUPPRESSED, suppressed: true, reason: 'hard-bounce' },
      true,
    ],
    [
      'a complaint suppresses at once',
      null,
      'complaint',
      0,
      { ...NOT_SUPPRESSED, suppressed: true, reason: 'complaint' },
      true,
    ],
    ['a first soft bounce is counted', null, 'soft', 5, soft([5]), false],
    ['a second soft bounce is counted', soft([5]), 'soft', DAY, soft([5, DAY]), false],
    [
      'the third within the window suppresses',
      soft([0, DAY]),
      'soft',
      2 * DAY,
      { suppressed: true, reason: 'soft-bounces', softBounces: [0, DAY, 2 * DAY] },
      true,
    ],
    [
      'soft bounces older than the window are dropped',
      soft([0, DAY]),
      'soft',
      7.5 * DAY,
      soft([DAY, 7.5 * DAY]),
      false,
    ],
    [
      'a late soft bounce counts where it belongs',
      soft([2 * DAY, 3 * DAY]),
      'soft',
      DAY,
      { suppressed: true, reason: 'soft-bounces', softBounces: [DAY, 2 * DAY, 3 * DAY] },
      true,
    ],
    ['an ignored record changes nothing', soft([5]), 'ignored', 10, soft([5]), false],
    [
      'a suppressed address keeps its first reason',
      { suppressed: true, reason: 'hard-bounce', softBounces: [] },
      'complaint',
      10,
      { suppressed: true, reason: 'hard-bounce', softBounces: [] },
      false,
    ],
  ])('%s', (_what, current, kind, at, state, suppressedNow) => {
    expect(afterBounce(current, kind, at, policy)).toEqual({ state, suppressedNow });
  });

  it('a limit of 1 suppresses at the first soft bounce', () => {
    expect(afterBounce(null, 'soft', 0, { limit: 1, windowMs: DAY }).suppressedNow).toBe(true);
  });
});

describe('suppressionId', () => {
  it('is the SHA-256 of the trimmed, lower-cased address', () => {
    expect(normaliseEmail('  Ann@Example.COM ')).toBe('ann@example.com');
    expect(suppressionId('  Ann@Example.COM ')).toBe(suppressionId('ann@example.com'));
    expect(suppressionId('ann@example.com')).toMatch(/^[a-f0-9]{64}$/);
    expect(suppressionId('ann@example.com')).not.toBe(suppressionId('bob@example.com'));
  });
});

describe('basicAuthMatches', () => {
  const creds = 'postmark:s3cret';
  it.each<[string, string | undefined, string, boolean]>([
    ['the right credentials', basicAuthHeader(creds), creds, true],
    ['lower-case scheme', basicAuthHeader(creds).replace('Basic', 'basic'), creds, true],
    ['a wrong password', basicAuthHeader('postmark:s3cres'), creds, false],
    ['a wrong user', basicAuthHeader('postmarc:s3cret'), creds, false],
    ['a prefix of the credentials', basicAuthHeader('postmark:s3cre'), creds, false],
    ['no header', undefined, creds, false],
    ['an empty header', '', creds, false],
    ['a bearer token', 'Bearer abc', creds, false],
    ['not base64', 'Basic !!!', creds, false],
    ['a huge header', `Basic ${'A'.repeat(5000)}`, creds, false],
    ['no expected credentials', basicAuthHeader(':'), '', false],
    ['expected without a user', basicAuthHeader(':x'), ':x', false],
    ['expected without a colon', basicAuthHeader('none'), 'none', false],
  ])('%s', (_what, header, expected, ok) => {
    expect(basicAuthMatches(header, expected)).toBe(ok);
  });
});
