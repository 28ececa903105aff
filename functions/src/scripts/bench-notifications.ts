// Notifications bench (`npm run bench -- notifications`; inside the Firestore emulator): the cost of one
// announcement as the audience grows. The real `broadcast` pushes a main material into the tier feeds
// with no members, then with BENCH_NOTIFY_MEMBERS (50,000) member documents present (written in bulk
// with the Admin SDK's BulkWriter, spread over the four tiers), then the feed is filled to its cap.
// For each: wall time, Firestore reads and writes (counted where the Admin SDK reads and writes in a
// transaction), and what a member's bell then costs: one read of their tier's feed, its size in bytes.
import { Timestamp, Transaction } from 'firebase-admin/firestore';
import { broadcast } from '../notifications/notification-store';
import { DEFAULT_TIERS } from '../shared/defaults';
import { CONFIG, MEMBERS, TIERS_DOC } from '../shared/members';
import { FEED_MAX_ENTRIES, NOTIFICATION_FEEDS } from '../shared/notifications';
import { makeMemberDoc } from '../testing/factories';
import { emptyBenchFirestore } from './bench-firestore';

const PROJECT = 'demo-notifications-bench';
const MEMBER_COUNT = Number(process.env.BENCH_NOTIFY_MEMBERS ?? 50_000);
const TIER_IDS = ['free', 'basic', 'main', 'premium'];

/** Reads and writes of transactions (all `broadcast` does besides one read of `config/tiers`). */
function countOps() {
  const counter = { reads: 0, writes: 0 };
  const wrap = (name: string, count: (answer: unknown) => number, write: boolean) => {
    const target = Transaction.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const original = target[name]!;
    target[name] = function (this: unknown, ...args: unknown[]) {
      const answer = original.apply(this, args);
      if (write) counter.writes += 1;
      else void (answer as Promise<unknown>).then((a) => (counter.reads += count(a)));
      return answer;
    };
  };
  wrap('get', () => 1, false);
  wrap('getAll', (a) => (Array.isArray(a) ? a.length : 1), false);
  for (const name of ['set', 'update', 'create', 'delete']) wrap(name, () => 0, true);
  return counter;
}

async function main() {
  const db = await emptyBenchFirestore(PROJECT, 'notifications');
  await db.collection(CONFIG).doc(TIERS_DOC).set(DEFAULT_TIERS);
  const counter = countOps();
  const deps = { db, now: () => new Date() };

  const announce = async (label: string, refId: string) => {
    const before = { ...counter };
    const start = performance.now();
    const result = await broadcast(deps, {
      kind: 'material',
      refId,
      title: `Announcement ${refId}`,
      summary: 'A main material, for main and premium members.',
      url: `/materials/${refId}`,
      access: 'main',
    });
    const ms = performance.now() - start;
    const feed = await db.collection(NOTIFICATION_FEEDS).doc('main').get();
    return {
      label,
      members: (await db.collection(MEMBERS).count().get()).data().count,
      'feeds written': result.added.join('+'),
      'tx reads': counter.reads - before.reads + 1, // + config/tiers
      'tx writes': counter.writes - before.writes,
      ms: Math.round(ms),
      'feed entries': (feed.get('entries') as unknown[]).length,
      'feed KiB (one bell read)': Math.round(JSON.stringify(feed.data()).length / 102.4) / 10,
    };
  };

  console.log(`Notifications bench: one announcement (access main) with 0 and ${MEMBER_COUNT} members`);
  const empty = await announce('no members', 'bench-0');

  const created = performance.now();
  const writer = db.bulkWriter();
  for (let i = 0; i < MEMBER_COUNT; i++) {
    const tier = TIER_IDS[i % TIER_IDS.length]!;
    void writer.set(db.collection(MEMBERS).doc(`bench-${i}`), {
      ...makeMemberDoc({ email: `bench-${i}@demo.test`, tier }),
      createdAt: Timestamp.now(),
    });
  }
  await writer.close();
  const createSeconds = Math.round((performance.now() - created) / 100) / 10;
  console.log(`${MEMBER_COUNT} members written in ${createSeconds} s (BulkWriter; not part of the announcement)`);

  const full = await announce(`${MEMBER_COUNT} members`, 'bench-1');
  const again = await announce(`${MEMBER_COUNT} members, same again`, 'bench-1');
  for (let i = 2; i < FEED_MAX_ENTRIES + 5; i++) await broadcast(deps, { ...baseItem, refId: `fill-${i}` });
  const capped = await announce(`${MEMBER_COUNT} members, feed full`, 'bench-last');
  console.table([empty, full, again, capped]);
  console.log(
    'tx reads/writes: documents read and written by the broadcast (feeds of main and premium, + config/tiers read).',
  );

  const failures = [
    full['tx writes'] !== empty['tx writes'] &&
      `writes grew with the audience: ${empty['tx writes']} → ${full['tx writes']}`,
    full['tx writes'] !== 2 && `one main announcement wrote ${full['tx writes']} documents, expected 2 (main, premium)`,
    again['tx writes'] !== 0 && `the same announcement again wrote ${again['tx writes']} documents`,
    capped['feed entries'] !== FEED_MAX_ENTRIES && `the feed holds ${capped['feed entries']} entries`,
  ].filter(Boolean);
  if (failures.length) {
    console.error(`FAILED: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log(
      `OK: one announcement costs ${full['tx writes']} writes with 0 or ${MEMBER_COUNT} members; a member's bell reads one document.`,
    );
  }
}

const baseItem = {
  kind: 'material' as const,
  title: 'Filler',
  summary: 'x'.repeat(300),
  url: '/materials/x',
  access: 'main',
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
