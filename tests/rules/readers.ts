// Rules suites: one file per collection (`tests/rules/<collection>.test.ts`, its subcollections
// included), each starting with `rulesSuite(seed)` and stating who may do what. The plain case is a
// table, `whoCan(env, documentOperations(path, allowed))`: every reader below x get, list, create,
// update, delete, each one test that must succeed for the readers allowed and fail for every other.
// Cases a table cannot say (own document vs someone else's, field-level checks) follow as plain tests.
import {
  assertFails,
  assertSucceeds,
  type RulesTestContext,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from 'firebase/firestore';
import { afterAll, beforeAll, beforeEach, it } from 'vitest';
import { rulesEnv } from '../support/emulators';
import type { AccessClaims } from '../../functions/src/shared/access';

export type ReaderName = 'anonymous' | 'free' | 'basic' | 'main' | 'premium' | 'admin';

/** Who is asking: the rows of every rules matrix. `claims: null` is a visitor. */
export interface Reader {
  name: ReaderName;
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

/** Something a reader tries with the client SDK, and who may do it. */
export interface Operation {
  allowed: readonly ReaderName[];
  run: (db: ReturnType<typeof dbFor>) => Promise<unknown>;
}

/**
 * The five operations on the seeded document at `path`: get it, list its collection, create a sibling,
 * update it, delete it. `allowed` names who may do each (nobody when left out); `data` is what the
 * writes send.
 */
export function documentOperations(
  path: string,
  allowed: Partial<Record<'get' | 'list' | 'create' | 'update' | 'delete', readonly ReaderName[]>>,
  data: Record<string, unknown> = { x: 1 },
): Record<string, Operation> {
  const parent = path.split('/').slice(0, -1).join('/');
  return {
    get: { allowed: allowed.get ?? [], run: (db) => getDoc(doc(db, path)) },
    list: { allowed: allowed.list ?? [], run: (db) => getDocs(collection(db, parent)) },
    create: { allowed: allowed.create ?? [], run: (db) => setDoc(doc(db, `${parent}/new`), data) },
    update: { allowed: allowed.update ?? [], run: (db) => updateDoc(doc(db, path), data) },
    delete: { allowed: allowed.delete ?? [], run: (db) => deleteDoc(doc(db, path)) },
  };
}

/** The "who x operation" table: one test per reader and operation, allowed or denied as listed. */
export function whoCan(env: () => RulesTestEnvironment, operations: Record<string, Operation>): void {
  for (const r of READERS) {
    for (const [name, op] of Object.entries(operations)) {
      const allowed = op.allowed.includes(r.name);
      it(`${r.name} ${allowed ? 'can' : 'cannot'} ${name}`, async () => {
        const attempt = op.run(dbFor(env(), r));
        await (allowed ? assertSucceeds(attempt) : assertFails(attempt));
      });
    }
  }
}
