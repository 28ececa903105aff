// Demo showcase projects: two approved (one public, one for main and up) and one pending, so `npm start` shows the
// listing, a project page, "My submissions" and the admin's queue. Written with `showcaseDocs`, as the callables do.
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { DEFAULT_SHOWCASE_ACCESS, DEFAULT_TIERS } from '../shared/defaults';
import { CONFIG } from '../shared/members';
import {
  SHOWCASE,
  SHOWCASE_CONFIG_DOC,
  SHOWCASE_GATED,
  SHOWCASE_LINKS,
  showcaseDocs,
  type ShowcaseInput,
  type ShowcaseStatus,
} from '../shared/showcase';
import { rankOf } from '../shared/tiers';

interface SeedProject extends ShowcaseInput {
  id: string;
  uid: string;
  authorName: string;
  status: ShowcaseStatus;
  daysAgo: number;
}

export const SEED_SHOWCASE: SeedProject[] = [
  {
    id: 'pipeline-doctor',
    uid: 'demo-main',
    authorName: 'Mia Main',
    title: 'Pipeline doctor',
    summary: 'Reads a dbt run log and names the five slowest models, with the join or scan that makes each slow.',
    repoUrl: 'https://github.com/commons-demo/pipeline-doctor',
    demoUrl: 'https://pipeline-doctor.example.com/',
    images: [],
    access: 'public',
    status: 'approved',
    daysAgo: 3,
  },
  {
    id: 'warehouse-cost-radar',
    uid: 'demo-premium',
    authorName: 'Priya Premium',
    title: 'Warehouse cost radar',
    summary: 'A daily report of which queries and users drive the warehouse bill, built on the query history views.',
    repoUrl: 'https://github.com/commons-demo/warehouse-cost-radar',
    demoUrl: '',
    images: [],
    access: 'main',
    status: 'approved',
    daysAgo: 6,
  },
  {
    id: 'kafka-replay-kit',
    uid: 'demo-main',
    authorName: 'Mia Main',
    title: 'Kafka replay kit',
    summary: 'Replays a topic from a point in time into a scratch cluster, to test consumers against real traffic.',
    repoUrl: 'https://github.com/commons-demo/kafka-replay-kit',
    demoUrl: '',
    images: [],
    access: 'public',
    status: 'pending',
    daysAgo: 1,
  },
];

/** Creates the showcase level and the demo projects that are missing; returns how many projects it created. */
export async function seedShowcase(db: Firestore, now: Date): Promise<number> {
  const level = db.collection(CONFIG).doc(SHOWCASE_CONFIG_DOC);
  await db.runTransaction(async (tx) => {
    if (!(await tx.get(level)).exists) tx.create(level, { access: DEFAULT_SHOWCASE_ACCESS });
  });
  let created = 0;
  for (const { id, uid, authorName, status, daysAgo, ...input } of SEED_SHOWCASE) {
    const rank = rankOf(DEFAULT_TIERS, input.access);
    if (rank === undefined) throw new Error(`Seed project ${id} has unknown access ${input.access}`);
    const at = Timestamp.fromMillis(now.getTime() - daysAgo * 86_400_000);
    const { teaser, links } = showcaseDocs(input, { uid, name: authorName }, rank, { submittedAt: at, updatedAt: at });
    const ref = db.collection(SHOWCASE).doc(id);
    const made = await db.runTransaction(async (tx) => {
      if ((await tx.get(ref)).exists) return false;
      tx.create(ref, { ...teaser, status, approvedAt: status === 'approved' ? at : null });
      tx.create(ref.collection(SHOWCASE_GATED).doc(SHOWCASE_LINKS), { ...links, status });
      return true;
    });
    if (made) created++;
  }
  return created;
}
