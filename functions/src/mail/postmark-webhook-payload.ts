import { z } from 'zod';
import { emailAddress } from '../shared/fields';

// Postmark's bounce and spam-complaint webhook bodies (https://postmarkapp.com/developer/webhooks/bounce-webhook,
// .../spam-complaint-webhook): every documented field, bounded. A key Postmark adds later is dropped, not
// refused: a 400 would make Postmark retry and then give up on every bounce until the code caught up. The
// body's size is capped by the HTTP handler, and nothing outside these fields is read or stored.

/**
 * Postmark caps metadata at 10 fields, keys of 20 characters, values of 80. zod's record would drop a
 * `__proto__` key silently; it is refused like any other key that is not one.
 */
const metadata = z
  .custom<object>((v) => typeof v === 'object' && v !== null && !Object.hasOwn(v, '__proto__'), 'must be metadata')
  .pipe(
    z
      .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/, 'must be a metadata key'), z.string().max(80))
      .refine((m) => Object.keys(m).length <= 10, 'at most 10 metadata fields'),
  );

const text = (max: number) => z.string().max(max);
/** Postmark's integer ids; beyond 2^53 JSON.parse would round them, and two records could share a key. */
const integerId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const postmarkRecordSchema = z
  .object({
    RecordType: z.enum(['Bounce', 'SpamComplaint']),
    ID: integerId,
    Type: z.string().regex(/^[A-Za-z]{1,40}$/, 'must be a Postmark bounce type'),
    TypeCode: integerId.optional(),
    Name: text(200).optional(),
    Tag: text(1000).nullable().optional(),
    MessageID: text(100).nullable().optional(),
    Metadata: metadata.nullable().optional(),
    ServerID: integerId.optional(),
    MessageStream: text(100).optional(),
    Description: text(2000).nullable().optional(),
    Details: text(10_000).nullable().optional(),
    Email: emailAddress('must be an email address'),
    From: text(500).nullable().optional(),
    BouncedAt: z.iso.datetime({ offset: true }),
    DumpAvailable: z.boolean().optional(),
    Inactive: z.boolean().optional(),
    CanActivate: z.boolean().optional(),
    Subject: text(2000).nullable().optional(),
    /** The bounce's raw content, only when "Include bounce content" is on (leave it off: we do not read it). */
    Content: text(200_000).nullable().optional(),
  })
  .strip();

export type PostmarkRecord = z.output<typeof postmarkRecordSchema>;
