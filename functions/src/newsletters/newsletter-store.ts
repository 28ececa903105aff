import { Refusal } from '../domain/refusal';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { newsletterProblem, scheduleProblem } from '../domain/newsletter';
import { readTiers } from '../app/tiers-config';
import { NEWSLETTERS, type NewsletterDoc, type NewsletterInput } from '../shared/newsletters';

type Issue = NewsletterDoc<Timestamp>;

async function validated(db: Firestore, input: NewsletterInput): Promise<NewsletterInput> {
  const problem = newsletterProblem(input, await readTiers(db));
  if (problem) throw new Refusal('invalid-argument', problem);
  return input;
}

/** Create or update a draft. Only drafts change: what is scheduled or sent stays as it was sent. */
export async function saveNewsletter(
  db: Firestore,
  input: NewsletterInput,
  by: string,
  now: Date,
  id?: string,
): Promise<string> {
  const fields = await validated(db, input);
  const at = Timestamp.fromDate(now);
  if (!id) {
    const doc: Issue = {
      ...fields,
      status: 'draft',
      scheduledAt: null,
      stats: { recipients: 0, sent: 0, failed: 0, batches: 0, batchesDone: 0 },
      createdBy: by,
      createdAt: at,
      updatedAt: at,
      startedAt: null,
      finishedAt: null,
      error: null,
    };
    return (await db.collection(NEWSLETTERS).add(doc)).id;
  }
  const ref = db.collection(NEWSLETTERS).doc(id);
  await db.runTransaction(async (tx) => {
    const current = (await tx.get(ref)).data() as Issue | undefined;
    if (!current) throw new Refusal('not-found', 'No such newsletter');
    if (current.status !== 'draft')
      throw new Refusal('failed-precondition', `This newsletter is ${current.status}; it can no longer be edited`);
    tx.update(ref, { ...fields, updatedAt: at });
  });
  return id;
}

/** Schedule a draft for `at` (or now). Validated again: config may have changed since it was saved. */
export async function scheduleNewsletter(db: Firestore, id: string, at: Date | null, now: Date): Promise<Issue> {
  const problem = scheduleProblem(at, now);
  if (problem) throw new Refusal('invalid-argument', problem);
  const ref = db.collection(NEWSLETTERS).doc(id);
  return db.runTransaction(async (tx) => {
    const current = (await tx.get(ref)).data() as Issue | undefined;
    if (!current) throw new Refusal('not-found', 'No such newsletter');
    if (current.status !== 'draft')
      throw new Refusal('failed-precondition', `This newsletter is already ${current.status}`);
    await validated(db, current);
    const scheduledAt = Timestamp.fromDate(at ?? now);
    tx.update(ref, { status: 'scheduled', scheduledAt, updatedAt: Timestamp.fromDate(now) });
    return { ...current, status: 'scheduled', scheduledAt };
  });
}

/** Back to draft, as long as sending has not begun. */
export async function cancelNewsletter(db: Firestore, id: string, now: Date): Promise<void> {
  const ref = db.collection(NEWSLETTERS).doc(id);
  await db.runTransaction(async (tx) => {
    const current = (await tx.get(ref)).data() as Issue | undefined;
    if (!current) throw new Refusal('not-found', 'No such newsletter');
    if (current.status !== 'scheduled')
      throw new Refusal(
        'failed-precondition',
        `Only a scheduled newsletter can be cancelled (this one is ${current.status})`,
      );
    tx.update(ref, { status: 'draft', scheduledAt: null, updatedAt: Timestamp.fromDate(now) });
  });
}
