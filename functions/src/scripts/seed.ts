import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Auth } from 'firebase-admin/auth';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { MediaStorage } from '../adapters/storage/media-storage';
import { createIfAbsent, isAlreadyExists } from '../app/firebase';
import { readTiers } from '../app/tiers-config';
import { newMemberDoc, refreshEntitlement, setAdmin, setGrant, type MemberDeps } from '../members/member-store';
import { COMMUNITY_DOC, COMMUNITY_GATED, COMMUNITY_LINKS_DOC, type CommunityLinks } from '../shared/community';
import { DEFAULT_COMMUNITY, DEFAULT_TIERS } from '../shared/defaults';
import { bodyHtmlUpdate } from '../materials/body-html';
import { BODY, GATED, MATERIALS, MATERIAL_SEARCH, materialDocs, searchEntryOf } from '../shared/materials';
import { CONFIG, MEMBERS, TIERS_DOC } from '../shared/members';
import { lowestTier, rankOf } from '../shared/tiers';
import { seedNotifications } from './seed-notifications';
import { SEED_FILES, SEED_MATERIALS } from './seed-materials';
import { seedEvents, SEED_EVENTS } from './seed-events';
import { seedShowcase } from './seed-showcase';
import { seedPolls } from './seed-polls';
import { seedOverviewHistory } from './seed-overview';
import { seedNewsletters } from './seed-newsletters';

/** Demo accounts; one shared password, printed by `npm start` and written in the README. */
export const DEMO_PASSWORD = 'commons-demo';
export const DEMO_ACCOUNTS = [
  { uid: 'demo-free', email: 'free@demo.test', name: 'Fran Free', tier: null, admin: false },
  { uid: 'demo-basic', email: 'basic@demo.test', name: 'Bo Basic', tier: 'basic', admin: false },
  { uid: 'demo-main', email: 'main@demo.test', name: 'Mia Main', tier: 'main', admin: false },
  { uid: 'demo-premium', email: 'premium@demo.test', name: 'Priya Premium', tier: 'premium', admin: false },
  { uid: 'demo-admin', email: 'admin@demo.test', name: 'Ada Admin', tier: null, admin: true },
] as const;

/** The demo community's invite links (the Slack one points nowhere real). */
const DEMO_COMMUNITY_LINKS: CommunityLinks = {
  ...DEFAULT_COMMUNITY,
  slackInviteUrl: 'https://join.slack.com/t/commons-demo/shared_invite/demo-invite',
  telegramInviteUrl: 'https://t.me/commons_demo',
};

/** An account the seed made before (same uid or email): it is kept as it is. */
const isExistingAccount = (err: unknown) =>
  isAlreadyExists(err) ||
  ['auth/uid-already-exists', 'auth/email-already-exists'].includes(String((err as { code?: unknown }).code));

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
  const lowest = lowestTier(await readTiers(db));
  await auth
    .createUser({ uid: account.uid, email: account.email, password, displayName: account.name, emailVerified: true })
    .catch((err: unknown) => {
      if (!isExistingAccount(err)) throw err;
    });
  await createIfAbsent(
    db.collection(MEMBERS).doc(account.uid),
    newMemberDoc({
      email: account.email,
      name: account.name,
      tier: lowest.id,
      rank: lowest.rank,
      admin: account.admin,
      emailVerified: true, // created verified above
    }),
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
  eventsCreated: number;
  eventsKept: number;
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
  // Seed data never overwrites what someone edited: every document is created only when absent.
  await createIfAbsent(db.collection(CONFIG).doc(TIERS_DOC), DEFAULT_TIERS);
  const community = db.collection(CONFIG).doc(COMMUNITY_DOC);
  await createIfAbsent(community, DEFAULT_COMMUNITY);
  await createIfAbsent(community.collection(COMMUNITY_GATED).doc(COMMUNITY_LINKS_DOC), DEMO_COMMUNITY_LINKS);
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
      // What the triggers would add, written at once so the demo needs no trigger run to show or find it.
      tx.create(ref, teaser);
      tx.create(ref.collection(GATED).doc(BODY), { ...body, ...bodyHtmlUpdate(body) });
      tx.set(db.collection(MATERIAL_SEARCH).doc(input.id), searchEntryOf(teaser));
      return true;
    });
    if (created) materialsCreated++;
  }
  const eventsCreated = await seedEvents(db, now);
  await seedShowcase(db, now);
  await seedPolls(db, now);
  // Admin overview: a few weeks of demo snapshots (marked demo) so the charts show; today's is the job's.
  await seedOverviewHistory(db, DEMO_ACCOUNTS, now);
  // Find things (issue 15): sent newsletters in the web archive.
  await seedNewsletters(db, now);
  // Last: the feeds announce what the steps above published.
  await seedNotifications(db, now);
  return {
    accounts: DEMO_ACCOUNTS.length,
    materialsCreated,
    materialsKept: SEED_MATERIALS.length - materialsCreated,
    eventsCreated,
    eventsKept: SEED_EVENTS.length - eventsCreated,
  };
}
