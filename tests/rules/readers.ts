import type { RulesTestContext, RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { rulesEnv } from '../support/emulators';
import type { AccessClaims } from '../../functions/src/shared/access';

/** Who is asking: the rows of every rules matrix. `claims: null` is a visitor. */
export interface Reader {
  name: string;
  uid?: string;
  claims: AccessClaims | null;
}

export const READERS: Reader[] = [
  { name: 'anonymous', claims: null },
  { name: 'free', uid: 'u-free', claims: { tier: 'free', rank: 10 } },
  { name: 'basic', uid: 'u-basic', claims: { tier: 'basic', rank: 20 } },
  { name: 'main', uid: 'u-main', claims: { tier: 'main', rank: 30 } },
  { name: 'premium', uid: 'u-premium', claims: { tier: 'premium', rank: 40 } },
  { name: 'admin', uid: 'u-admin', claims: { tier: 'free', rank: 10, admin: true } },
];

export const reader = (name: string): Reader => {
  const found = READERS.find((r) => r.name === name);
  if (!found) throw new Error(`no reader ${name}`);
  return found;
};

export function dbFor(env: RulesTestEnvironment, r: Reader) {
  if (r.claims === null || !r.uid) return env.unauthenticatedContext().firestore();
  return env.authenticatedContext(r.uid, r.claims as Record<string, unknown>).firestore();
}

/**
 * A rules suite's environment: created once, Firestore cleared and seeded with rules off before each
 * test, cleaned up at the end. Returns a getter, as the environment exists only once the suite started.
 */
export function rulesSuite(seed: (ctx: RulesTestContext) => Promise<void>): () => RulesTestEnvironment {
  let env: RulesTestEnvironment | undefined;
  const current = () => {
    if (!env) throw new Error('rules environment not started');
    return env;
  };
  beforeAll(async () => {
    env = await rulesEnv();
  });
  afterAll(async () => env?.cleanup());
  beforeEach(async () => {
    await current().clearFirestore();
    await current().withSecurityRulesDisabled(seed);
  });
  return current;
}
