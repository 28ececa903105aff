import { describe, expect, it } from 'vitest';
import { announceRequestSchema } from './announcement-schema';
import { checkoutRequestSchema } from './billing-schema';
import { docId, emailAddress, fileName, mediaPath, utf8Length } from './fields';
import { grantRequestSchema } from './grant-schema';
import { mediaUrlRequestSchema } from './media-schema';
import { MAX_ISSUE_TEXT_BYTES, newsletterInputSchema, saveNewsletterSchema } from './newsletters';
import { signupRequestSchema } from './signup-schema';
import { describeIssues } from './validation';

const HOSTILE_IDS = ['', 'a/b', '.', '..', '__proto__', '__x__', 'x'.repeat(129), 'a\u0000b', 'a\nb', '\ud800'];

/** The one-line message a callable answers for `input`, or null when it parses. */
const problem = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown) => {
  const parsed = schema.safeParse(input) as { success: boolean; error?: Parameters<typeof describeIssues>[0] };
  return parsed.success || !parsed.error ? null : describeIssues(parsed.error);
};

describe('docId', () => {
  it.each(['u1', 'material_sql-basics', 'Ab9-_.x', 'x'.repeat(128), 'constructor', '_x_', 'é'])('accepts %j', (id) => {
    expect(docId.safeParse(id).success).toBe(true);
  });

  it.each(HOSTILE_IDS)('refuses %j', (id) => {
    expect(docId.safeParse(id).success).toBe(false);
  });

  it('names the field and the reason in a request', () => {
    expect(problem(announceRequestSchema, { materialId: 'a/b' })).toBe('materialId: must not contain "/"');
    expect(problem(grantRequestSchema, { uid: '__proto__', tier: 'main' })).toMatch(/^uid: must not be a reserved/);
    expect(problem(checkoutRequestSchema, { tier: '..', interval: 'monthly' })).toMatch(/^tier: /);
  });
});

describe('emailAddress', () => {
  const email = emailAddress('Enter a valid email address');

  it('trims and lowercases an address', () => {
    expect(email.parse('  Ada@Example.COM ')).toBe('ada@example.com');
  });

  it('refuses an address over 254 characters, however it is made', () => {
    const long = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`;
    expect(long.length).toBeGreaterThan(254);
    expect(email.safeParse(long).success).toBe(false);
    expect(problem(signupRequestSchema, { email: `${'x'.repeat(100_000)}@example.com` })).toMatch(/^email: .*254/);
  });
});

describe('fileName and mediaPath', () => {
  it.each(['orders.csv', 'my notes.pdf', 'a..b', 'x'.repeat(120)])('accepts the file name %j', (name) => {
    expect(fileName.safeParse(name).success).toBe(true);
  });

  it.each(['', '.', '..', '.hidden', 'a/b', 'a\\b', 'a\u0000b', 'x'.repeat(121)])(
    'refuses the file name %j',
    (name) => {
      expect(fileName.safeParse(name).success).toBe(false);
    },
  );

  it.each(['media/seed/orders.csv', 'media/materials/0b1f/orders.csv'])('accepts the path %j', (path) => {
    expect(mediaPath.safeParse(path).success).toBe(true);
  });

  it.each([
    'media',
    'media/',
    'other/x.csv',
    'media/../x',
    'media/a/./b',
    'media//x',
    'media/.signing-key',
    'media\\x',
  ])('refuses the path %j', (path) => {
    expect(mediaPath.safeParse(path).success).toBe(false);
  });

  it('names the path in getMediaUrl', () => {
    expect(problem(mediaUrlRequestSchema, { materialId: 'm', path: 'media/../../etc/passwd' })).toMatch(/^path: /);
  });
});

describe('newsletter size', () => {
  const issue = (sections: number, chars: number, char = 'x') => ({
    subject: 'S',
    sections: Array.from({ length: sections }, () => ({ access: 'public', markdown: char.repeat(chars) })),
    audience: 'everyone',
  });

  it('keeps a saved issue inside the 1 MiB document limit, naming the sections', () => {
    expect(newsletterInputSchema.safeParse(issue(13, 50_000)).success).toBe(true);
    expect(problem(newsletterInputSchema, issue(20, 50_000))).toMatch(/^sections: The issue is too long/);
    // Characters are counted as Firestore counts them: bytes of UTF-8.
    expect(utf8Length('é'.repeat(10))).toBe(20);
    expect(newsletterInputSchema.safeParse(issue(10, 40_000, 'é')).success).toBe(false);
    expect(MAX_ISSUE_TEXT_BYTES).toBeLessThan(1_048_576 - 10_000);
  });

  it('refuses hostile ids and levels in a save', () => {
    expect(problem(saveNewsletterSchema, { id: 'a/b', newsletter: issue(1, 5) })).toMatch(/^id: /);
    expect(problem(saveNewsletterSchema, { newsletter: { ...issue(1, 5), audience: '__proto__' } })).toMatch(
      /^newsletter\.audience: /,
    );
    expect(problem(saveNewsletterSchema, { newsletter: { ...issue(1, 5), materialId: '..' } })).toMatch(
      /^newsletter\.materialId: /,
    );
  });
});
