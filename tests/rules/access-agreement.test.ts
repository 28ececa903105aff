import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc } from 'firebase/firestore';
import { describe, expect, it } from 'vitest';
import { canAccess, readerRank, type AccessClaims } from '../../functions/src/shared/access';
import { rulesSuite } from './readers';

/**
 * One table through both implementations of the access check: `canAccess` (domain) and the rules'
 * `readerRank()`. Odd claims included: a custom tier rank, a rank that is not an integer, a tier
 * without a rank, signed in without claims.
 */
const CLAIMS: Array<[string, AccessClaims | null]> = [
  ['visitor', null],
  ['signed in, no claims', {}],
  ['free', { tier: 'free', rank: 10 }],
  ['basic', { tier: 'basic', rank: 20 }],
  ['pro (custom 35)', { tier: 'pro', rank: 35 }],
  ['premium', { tier: 'premium', rank: 40 }],
  ['tier without rank', { tier: 'premium' }],
  ['rank as a string', { tier: 'premium', rank: '40' }],
  ['fractional rank', { tier: 'premium', rank: 39.5 }],
];
const RANKS = [0, 10, 20, 30, 35, 40, 50];
const uidOf = (label: string) => `u-${label.replace(/\W/g, '')}`;

// Ranks outside DEFAULT_TIERS on purpose (35, 50): only the numbers are compared.
const env = rulesSuite(async (ctx) => {
  for (const rank of RANKS) {
    await setDoc(doc(ctx.firestore(), `materials/r${rank}`), { status: 'published', rank });
    await setDoc(doc(ctx.firestore(), `materials/r${rank}/gated/body`), { status: 'published', rank, access: 'x' });
    // An event's join details: the same comparison, for members registered once the window opened.
    await setDoc(doc(ctx.firestore(), `events/r${rank}`), { status: 'published', rank });
    await setDoc(doc(ctx.firestore(), `events/r${rank}/gated/join`), {
      status: 'published',
      rank,
      access: 'x',
      opensAt: new Date(Date.now() - 60_000),
    });
    // A course's unit and homework: the rank gate of a material's body, on the documents the sync writes.
    await setDoc(doc(ctx.firestore(), `courses/r${rank}`), { status: 'published', rank });
    await setDoc(doc(ctx.firestore(), `courses/r${rank}/units/u`), { status: 'published', rank, access: 'x' });
    await setDoc(doc(ctx.firestore(), `courses/r${rank}/homework/h`), { status: 'published', rank, access: 'x' });
    for (const [label, claims] of CLAIMS) {
      if (claims)
        await setDoc(doc(ctx.firestore(), `events/r${rank}/registrations/${uidOf(label)}`), { status: 'registered' });
    }
  }
});

describe('canAccess and the rules agree', () => {
  for (const [label, claims] of CLAIMS) {
    it(`${label} (rank ${readerRank(claims)})`, async () => {
      const db =
        claims === null
          ? env().unauthenticatedContext().firestore()
          : env()
              .authenticatedContext(uidOf(label), claims as Record<string, unknown>)
              .firestore();
      const outcomes: boolean[] = [];
      for (const rank of RANKS) {
        const expected = canAccess(claims, { rank });
        await (expected ? assertSucceeds : assertFails)(getDoc(doc(db, `materials/r${rank}/gated/body`)));
        // A visitor holds no registration, so no event's join details (a public one included).
        const joins = expected && claims !== null;
        await (joins ? assertSucceeds : assertFails)(getDoc(doc(db, `events/r${rank}/gated/join`)));
        await (expected ? assertSucceeds : assertFails)(getDoc(doc(db, `courses/r${rank}/units/u`)));
        await (expected ? assertSucceeds : assertFails)(getDoc(doc(db, `courses/r${rank}/homework/h`)));
        outcomes.push(expected);
      }
      // The table is not degenerate: each row sees the public item and (but for the top) not everything.
      expect(outcomes[0]).toBe(true);
    });
  }
});
