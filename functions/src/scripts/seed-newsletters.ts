// Demo newsletters already sent, so the archive (`/newsletters`) and the search show an issue per plan under
// `npm start`: written as the sender leaves them (`sent`), then archived with the same function the trigger calls.
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { createIfAbsent } from '../app/firebase';
import { archiveNewsletter } from '../newsletters/newsletter-archive';
import { NEWSLETTERS, type NewsletterDoc, type NewsletterSection } from '../shared/newsletters';

interface SeedIssue {
  id: string;
  daysAgo: number;
  subject: string;
  preview: string;
  audience: string;
  sections: NewsletterSection[];
}

export const SEED_NEWSLETTERS: SeedIssue[] = [
  {
    id: 'issue-2027-01',
    daysAgo: 12,
    subject: 'January notes: incremental models and a new DuckDB series',
    preview: 'What we published this month, and what the Main and Premium plans get next.',
    audience: 'everyone',
    sections: [
      {
        access: 'public',
        markdown:
          '## Hello, everyone\n\nThis month we published three tutorials on **incremental models** and started a DuckDB series. Thank you for reading.',
      },
      {
        access: 'basic',
        markdown:
          '## For Basic members\n\nThe worked example on slowly changing dimensions now has a downloadable dataset. Find it in the catalog.',
      },
      {
        access: 'main',
        markdown:
          '## For Main members\n\nOur next live session walks through a full dbt project review. The recording lands in your catalog a day later.',
      },
      {
        access: 'premium',
        markdown:
          '## For Premium members\n\nOffice hours move to Thursdays. Bring a pipeline, and we look at it together.',
      },
    ],
  },
  {
    id: 'issue-2026-12',
    daysAgo: 42,
    subject: 'December notes: the year in pipelines',
    preview: 'A look back at the year, and an early gift for paying members.',
    audience: 'everyone',
    sections: [
      { access: 'public', markdown: 'A year of tutorials, events and a growing community: thank you.' },
      { access: 'main', markdown: 'Main members: the Airflow migration checklist is now in the catalog.' },
    ],
  },
];

/** Creates the demo issues that are missing and archives every one of them (idempotent). */
export async function seedNewsletters(db: Firestore, now: Date): Promise<void> {
  for (const { id, daysAgo, ...input } of SEED_NEWSLETTERS) {
    const at = Timestamp.fromMillis(now.getTime() - daysAgo * 86_400_000);
    const issue: NewsletterDoc<Timestamp> = {
      ...input,
      materialId: null,
      status: 'sent',
      scheduledAt: at,
      stats: { recipients: 0, sent: 0, failed: 0, batches: 0, batchesDone: 0 },
      createdBy: 'seed',
      createdAt: at,
      updatedAt: at,
      startedAt: at,
      finishedAt: at,
      error: null,
    };
    await createIfAbsent(db.collection(NEWSLETTERS).doc(id), issue);
    await archiveNewsletter({ db }, id);
  }
}
