import { describe, expect, it } from 'vitest';
import { postmarkRecordSchema } from './postmark-webhook-payload';

// Postmark's documented examples (bounce webhook and spam complaint webhook), field for field.
const bounce = {
  RecordType: 'Bounce',
  MessageStream: 'outbound',
  ID: 4323372036854775,
  Type: 'HardBounce',
  TypeCode: 1,
  Name: 'Hard bounce',
  Tag: 'Test',
  MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
  Metadata: { a_key: 'a_value', b_key: 'b_value' },
  ServerID: 23,
  Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
  Details: 'Test bounce details',
  Email: 'john@example.com',
  From: 'sender@example.com',
  BouncedAt: '2019-11-05T16:33:54.9070259Z',
  DumpAvailable: true,
  Inactive: true,
  CanActivate: true,
  Subject: 'Test subject',
  Content: '<Full dump of bounce>',
};
const complaint = {
  ...bounce,
  RecordType: 'SpamComplaint',
  ID: 42,
  Type: 'SpamComplaint',
  TypeCode: 512,
  Name: 'Spam complaint',
  Description: '',
  Details: 'Test spam complaint details',
  CanActivate: false,
  BouncedAt: '2019-11-05T11:33:54.9070259-05:00',
};

describe('postmarkRecordSchema', () => {
  it.each([
    ['the bounce example', bounce],
    ['the spam complaint example', complaint],
    [
      'a minimal record',
      { RecordType: 'Bounce', ID: 1, Type: 'SoftBounce', Email: 'A@Example.com', BouncedAt: '2026-12-01T10:00:00Z' },
    ],
  ])('accepts %s', (_what, body) => {
    const parsed = postmarkRecordSchema.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(Number.isNaN(new Date(parsed.data!.BouncedAt).getTime())).toBe(false);
  });

  it('drops a field Postmark adds later instead of refusing the record', () => {
    const parsed = postmarkRecordSchema.parse({ ...bounce, Extra: 1 });
    expect(parsed).not.toHaveProperty('Extra');
    expect(parsed.ID).toBe(bounce.ID);
  });

  it('lower-cases the address', () => {
    expect(postmarkRecordSchema.parse({ ...bounce, Email: ' John@Example.COM ' }).Email).toBe('john@example.com');
  });

  it.each([
    ['an unsafe ID', { ...bounce, ID: 2 ** 53 + 2 }, /ID/],
    ['a fractional ID', { ...bounce, ID: 1.5 }, /ID/],
    ['an Open record', { ...bounce, RecordType: 'Open' }, /RecordType/],
    ['a Type with spaces', { ...bounce, Type: 'Hard Bounce' }, /Type/],
    ['no Email', { ...bounce, Email: undefined }, /Email/],
    ['a local BouncedAt', { ...bounce, BouncedAt: '2019-11-05T16:33:54' }, /BouncedAt/],
    ['a metadata value over 80 characters', { ...bounce, Metadata: { k: 'v'.repeat(81) } }, /Metadata/],
    ['a metadata key __proto__', { ...bounce, Metadata: JSON.parse('{"__proto__":"x"}') as unknown }, /Metadata/],
  ])('refuses %s', (_what, body, field) => {
    const parsed = postmarkRecordSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(field);
  });
});
