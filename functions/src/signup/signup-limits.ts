import { createHash, randomInt } from 'node:crypto';
import { Timestamp, type DocumentReference, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { Settings } from '../app/settings';
import { shareOf, takeOne, type RateDecision, type RateLimit, type WindowCount } from '../domain/rate-limit';
import { Refusal } from '../domain/refusal';

/**
 * The signup box's limits, kept in `rateLimits/{id}` as fixed-window counters (domain/rate-limit.ts):
 * - per client (`signup-client-{sha256(clientKey)}`): SIGNUPS_PER_CLIENT per 10 minutes;
 * - per address (`signup-address-{signup id}`): one per 10 minutes (RESEND_AFTER_MS);
 * - overall (`signup-mails-{shard}`): SIGNUP_MAILS_PER_MINUTE, split over MAIL_SHARDS documents.
 * Each document carries `expireAt` (the end of its window), Firestore's TTL field for the collection.
 */
export const RATE_LIMITS = 'rateLimits';
export const CLIENT_WINDOW_MS = 10 * 60 * 1000;
/** One confirmation email per address per this long, so the box cannot be used to spam someone. */
export const RESEND_AFTER_MS = 10 * 60 * 1000;
export const MAIL_WINDOW_MS = 60 * 1000;
/**
 * The overall counter is split into this many documents, each allowing its share of the minute's mails:
 * concurrent sign-ups start on a random shard, so a burst spreads its writes over several documents
 * instead of queueing on one. A call reads the other shards when its own is spent, so the limit refuses
 * only once every shard is spent, and never allows more than the shares add up to.
 */
export const MAIL_SHARDS = 4;

export type SignupLimits = Settings['signupLimits'];

const inMinutes = (retryAfterMs: number) => {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
};

export const REFUSED = {
  client: 'Too many sign-ups from your network; try again in a few minutes.',
  busy: 'Too many sign-ups right now; try again in a minute.',
  address: (retryAfterMs: number) =>
    `This address was signed up a moment ago: look for the link in your inbox (and spam folder), or try again in ${inMinutes(retryAfterMs)}.`,
};

/**
 * The other public boxes that mail a link to a typed address (`auth/account-mail.ts`: "Forgot password",
 * "Email me a sign-in link") take from the same kind of allowance, on their own counters (`{kind}-client-…`),
 * with the same limits; their refusals name what was asked. The same whether or not the address is a member's.
 */
export type AllowanceKind = 'signup' | 'password-reset' | 'sign-in-link';

export const REFUSED_ACCOUNT_MAIL = {
  client: 'Too many requests from your network; try again in a few minutes.',
  busy: 'Too many requests right now; try again in a minute.',
  address: (retryAfterMs: number) =>
    `We handled a request for this address a moment ago: look in your inbox (and spam folder), or try again in ${inMinutes(retryAfterMs)}.`,
};

const refusals = (kind: AllowanceKind) => (kind === 'signup' ? REFUSED : REFUSED_ACCOUNT_MAIL);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Counter {
  ref: DocumentReference;
  limit: RateLimit;
}

type Decided = { counter: Counter; decision: RateDecision };

/** Reads the counters in one round trip (`getAll`) and decides each at `now`. */
async function decide(tx: Transaction, counters: Counter[], now: number): Promise<Decided[]> {
  if (counters.length === 0) return [];
  const snaps = await tx.getAll(...counters.map((c) => c.ref));
  return counters.map((counter, i) => {
    const data = snaps[i]?.data() as { start: Timestamp; count: number } | undefined;
    const stored: WindowCount | undefined = data && { start: data.start.toMillis(), count: data.count };
    return { counter, decision: takeOne(stored, counter.limit, now) };
  });
}

function store(tx: Transaction, counter: Counter, next: WindowCount) {
  tx.set(counter.ref, {
    start: Timestamp.fromMillis(next.start),
    count: next.count,
    expireAt: Timestamp.fromMillis(next.start + counter.limit.windowMs),
  });
}

/**
 * Inside the sign-up's transaction, before its writes: takes one sign-up from the client's, the
 * address's and the overall allowance, or throws a `resource-exhausted` Refusal having taken nothing
 * (a refused call writes no document, so hammering does not contend for the counters). The client is
 * checked first and alone, so a caller over its limit never touches the shared counters. The same
 * happens whether or not the address is a member's: the answers reveal nothing.
 */
export async function takeSignupAllowance(
  db: Firestore,
  tx: Transaction,
  input: { clientKey: string; signupId: string; limits: SignupLimits; now: Date; kind?: AllowanceKind },
): Promise<void> {
  const now = input.now.getTime();
  const kind = input.kind ?? 'signup';
  const refused = refusals(kind);
  const counter = (id: string, limit: RateLimit): Counter => ({ ref: db.collection(RATE_LIMITS).doc(id), limit });

  const clientCounter = counter(`${kind}-client-${sha256(input.clientKey)}`, {
    max: input.limits.perClient,
    windowMs: CLIENT_WINDOW_MS,
  });
  const [client] = (await decide(tx, [clientCounter], now)) as [Decided];
  if (!client.decision.allowed) throw new Refusal('resource-exhausted', refused.client);

  // The address and one shard of the overall counter, a random one, in one read; the other shards only
  // when that one is spent.
  const shards = Math.max(1, Math.min(MAIL_SHARDS, input.limits.mailsPerMinute));
  const first = randomInt(shards);
  const shardCounters = Array.from({ length: shards }, (_, i) => (first + i) % shards).map((shard) =>
    counter(`${kind}-mails-${shard}`, {
      max: shareOf(input.limits.mailsPerMinute, shards, shard),
      windowMs: MAIL_WINDOW_MS,
    }),
  );
  const addressCounter = counter(`${kind}-address-${input.signupId}`, { max: 1, windowMs: RESEND_AFTER_MS });
  const [address, shard] = (await decide(tx, [addressCounter, shardCounters[0]!], now)) as [Decided, Decided];
  if (!address.decision.allowed) {
    throw new Refusal('resource-exhausted', refused.address(address.decision.retryAfterMs));
  }
  const mails = shard.decision.allowed
    ? shard
    : (await decide(tx, shardCounters.slice(1), now)).find((d) => d.decision.allowed);
  if (!mails) throw new Refusal('resource-exhausted', refused.busy);

  for (const { counter: c, decision } of [client, address, mails]) if (decision.allowed) store(tx, c, decision.next);
}
