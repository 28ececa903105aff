import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Auth } from 'firebase-admin/auth';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { MediaStorage } from '../adapters/storage/media-storage';
import { newMemberDoc, refreshEntitlement, setAdmin, setGrant, type MemberDeps } from '../members/member-store';
import { BODY, GATED, MATERIALS, materialDocs } from '../shared/materials';
import { CONFIG, MEMBERS, TIERS_DOC } from '../shared/members';
import { DEFAULT_TIERS, rankOf } from '../shared/tiers';
import { SEED_FILES, SEED_MATERIALS } from './seed-materials';

/** Demo accounts; one shared password, printed by `npm start` and written in the README. */
export const DEMO_PASSWORD = 'commons-demo';
export const DEMO_ACCOUNTS = [
  { uid: 'demo-free', email: 'free@demo.test', name: 'Fran Free', tier: null, admin: false },
  { uid: 'demo-basic', email: 'basic@demo.test', name: 'Bo Basic', tier: 'basic', admin: false },
  { uid: 'demo-main', email: 'main@demo.test', name: 'Mia Main', tier: 'main', admin: false },
  { uid: 'demo-premium', email: 'premium@demo.test', name: 'Priya Premium', tier: 'premium', admin: false },
  { uid: 'demo-admin', email: 'admin@demo.test', name: 'Ada Admin', tier: null, admin: true },
] as const;

const isAlreadyExists = (err: unknown) =>
  (err as { code?: unknown }).code === 6 || (err as { code?: unknown }).code === 'auth/uid-already-exists';

/** create() that tolerates an existing document: the seed never overwrites what someone edited. */
async function createIfAbsent(ref: FirebaseFirestore.DocumentReference, data: object): Promise<boolean> {
  try {
    await ref.create(data);
    return true;
  } catch (err) {
    if (isAlreadyExists(err)) return false;
    throw err;
  }
}

/**
 * An Auth account and its member document, at `tier` (null: free) through the same code path as an
 * admin's grant, admin if asked. Keeps what exists. The seed's accounts and the tests' members.
 */
export async function ensureAccount(
  deps: MemberDeps,
  account: { uid: string; email: string; name: string; tier: string | null; admin: boolean },
  password: string,
): Promise<void> {
  const { db, auth } = deps;
  await auth
    .createUser({ uid: account.uid, email: account.email, password, displayName: account.name, emailVerified: true })
    .catch((err: unknown) => {
      if (!isAlreadyExists(err) && (err as { code?: string }).code !== 'auth/email-already-exists') throw err;
    });
  await createIfAbsent(
    db.collection(MEMBERS).doc(account.uid),
    newMemberDoc({ email: account.email, name: account.name, tier: 'free', rank: 10, admin: account.admin }),
  );
  if (account.admin) await setAdmin(deps, account.uid, true);
  if (account.tier) {
    await setGrant(deps, account.uid, { tier: account.tier, endsAt: null, grantedBy: 'seed', note: 'Demo account' });
  } else {
    await refreshEntitlement(deps, account.uid);
  }
}

export interface SeedReport {
  accounts: number;
  materialsCreated: number;
  materialsKept: number;
}

/**
 * Idempotent demo data: tiers config, demo accounts (tiers granted through the same code path as an
 * admin's grant), materials and their files. Running it again creates only what is missing.
 */
export async function seed(deps: {
  db: Firestore;
  auth: Auth;
  storage: MediaStorage;
  now?: Date;
}): Promise<SeedReport> {
  const { db, auth, storage } = deps;
  const now = deps.now ?? new Date();
  await createIfAbsent(db.collection(CONFIG).doc(TIERS_DOC), DEFAULT_TIERS);
  await createIfAbsent(db.collection(CONFIG).doc('community'), {
    access: 'main',
    rank: rankOf(DEFAULT_TIERS, 'main'),
    slackInviteUrl: 'https://join.slack.com/t/commons-demo/shared_invite/demo-invite',
    telegramInviteUrl: 'https://t.me/commons_demo',
  });

  for (const account of DEMO_ACCOUNTS) await ensureAccount({ db, auth, now: () => now }, account, DEMO_PASSWORD);

  for (const file of SEED_FILES) {
    if (!(await storage.exists(file.path))) {
      await pipeline(
        Readable.from([Buffer.from(file.content)]),
        storage.createWriteStream(file.path, { contentType: file.contentType }),
      );
    }
  }

  let materialsCreated = 0;
  for (const { daysAgo, ...input } of SEED_MATERIALS) {
    const rank = rankOf(DEFAULT_TIERS, input.access);
    if (rank === undefined) throw new Error(`Seed material ${input.id} has unknown access ${input.access}`);
    const at = Timestamp.fromMillis(now.getTime() - daysAgo * 86_400_000);
    const { teaser, body } = materialDocs(input, rank, {
      publishedAt: input.status === 'published' ? at : null,
      updatedAt: at,
    });
    const ref = db.collection(MATERIALS).doc(input.id);
    // Teaser and body together or not at all.
    const created = await db.runTransaction(async (tx) => {
      if ((await tx.get(ref)).exists) return false;
      tx.create(ref, teaser);
      tx.create(ref.collection(GATED).doc(BODY), body);
      return true;
    });
    if (created) materialsCreated++;
  }
  return { accounts: DEMO_ACCOUNTS.length, materialsCreated, materialsKept: SEED_MATERIALS.length - materialsCreated };
}
