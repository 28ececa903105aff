import { FieldPath, Timestamp, type Firestore, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { readTiers } from '../app/tiers-config';
import { csvSafe } from '../domain/csv-cell';
import { monthlyRevenue, revenueStateOf } from '../domain/overview';
import type { SubscriptionMirror } from '../shared/billing';
import { COURSES } from '../shared/courses';
import { EVENTS } from '../shared/events';
import { MATERIALS } from '../shared/materials';
import { MEMBERS } from '../shared/members';
import type { ExportKind } from '../shared/overview';
import type { TiersConfig } from '../shared/tiers';

/** Documents read per page: the export streams page by page, memory stays flat. */
export const EXPORT_PAGE = 500;

type Cell = string | number | boolean | null | undefined;
interface Table {
  collection: string;
  fields: string[];
  columns: string[];
  row(doc: QueryDocumentSnapshot, tiers: TiersConfig, now: Date): Cell[];
}

const iso = (t: unknown) => (t instanceof Timestamp ? t.toDate().toISOString() : '');
const text = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : '');

/** The revenue facts of a member row (the same reading as the snapshot's). */
function memberFacts(doc: QueryDocumentSnapshot) {
  const sub = doc.get('subscription') as SubscriptionMirror<Timestamp> | null | undefined;
  const grant = doc.get('grant') as { tier?: string; endsAt?: unknown } | null | undefined;
  const subscription = sub
    ? {
        status: sub.status,
        tier: sub.tier ?? null,
        interval: sub.interval ?? null,
        amount: typeof sub.amount === 'number' ? sub.amount : 0,
        currency: typeof sub.currency === 'string' ? sub.currency : '',
        graceUntil: sub.graceUntil instanceof Timestamp ? sub.graceUntil.toDate() : null,
      }
    : null;
  const endsAt = grant?.endsAt instanceof Timestamp ? grant.endsAt.toDate() : null;
  return { sub, grant, facts: { subscription, grant: grant ? { endsAt } : null } };
}

const TABLES: Record<ExportKind, Table> = {
  members: {
    collection: MEMBERS,
    fields: ['email', 'name', 'tier', 'admin', 'createdAt', 'emailVerified', 'emailPrefs', 'subscription', 'grant'],
    columns: [
      'uid',
      'email',
      'name',
      'tier',
      'admin',
      'revenue',
      'subscription_status',
      'subscription_tier',
      'interval',
      'mrr',
      'currency',
      'grant_tier',
      'grant_ends',
      'newsletter',
      'email_verified',
      'created',
    ],
    row(doc, tiers, now) {
      const { sub, grant, facts } = memberFacts(doc);
      const revenue = monthlyRevenue(facts, tiers, now);
      return [
        doc.id,
        text(doc.get('email')),
        text(doc.get('name')),
        text(doc.get('tier')),
        doc.get('admin') === true,
        revenueStateOf(facts, now),
        sub?.status ?? '',
        sub?.tier ?? '',
        sub?.interval ?? '',
        revenue ? (revenue.amount / 100).toFixed(2) : '',
        revenue?.currency ?? '',
        grant?.tier ?? '',
        iso(grant?.endsAt),
        doc.get('emailPrefs.newsletter') !== false,
        doc.get('emailVerified') !== false,
        iso(doc.get('createdAt')),
      ];
    },
  },
  materials: {
    collection: MATERIALS,
    fields: ['kind', 'title', 'access', 'status', 'author', 'tags', 'publishedAt', 'updatedAt'],
    columns: ['id', 'kind', 'title', 'access', 'status', 'author', 'tags', 'published', 'updated'],
    row: (doc) => [
      doc.id,
      text(doc.get('kind')),
      text(doc.get('title')),
      text(doc.get('access')),
      text(doc.get('status')),
      text(doc.get('author')),
      ((doc.get('tags') as unknown[] | undefined) ?? []).map(String).join(' '),
      iso(doc.get('publishedAt')),
      iso(doc.get('updatedAt')),
    ],
  },
  events: {
    collection: EVENTS,
    fields: [
      'title',
      'kind',
      'status',
      'access',
      'startAt',
      'endAt',
      'timeZone',
      'capacity',
      'registered',
      'waitlisted',
    ],
    columns: [
      'id',
      'title',
      'kind',
      'status',
      'access',
      'start',
      'end',
      'time_zone',
      'capacity',
      'registered',
      'waitlisted',
    ],
    row: (doc) => [
      doc.id,
      text(doc.get('title')),
      text(doc.get('kind')),
      text(doc.get('status')),
      text(doc.get('access')),
      iso(doc.get('startAt')),
      iso(doc.get('endAt')),
      text(doc.get('timeZone')),
      num(doc.get('capacity')),
      num(doc.get('registered')),
      num(doc.get('waitlisted')),
    ],
  },
  courses: {
    collection: COURSES,
    fields: ['title', 'kind', 'access', 'status', 'unitCount', 'commit', 'updatedAt'],
    columns: ['id', 'title', 'kind', 'access', 'status', 'units', 'commit', 'updated'],
    row: (doc) => [
      doc.id,
      text(doc.get('title')),
      text(doc.get('kind')),
      text(doc.get('access')),
      text(doc.get('status')),
      num(doc.get('unitCount')),
      text(doc.get('commit')),
      iso(doc.get('updatedAt')),
    ],
  },
};

/** The header of an export. */
export const exportColumns = (kind: ExportKind): string[] => TABLES[kind].columns;

/**
 * The rows of an export, one page of `pageSize` documents at a time (ordered by id, only the exported
 * fields read), every cell made safe for spreadsheets (`csvSafe`). The caller streams them out as they come.
 */
export async function* exportRows(
  deps: { db: Firestore; now: () => Date },
  kind: ExportKind,
  pageSize = EXPORT_PAGE,
): AsyncGenerator<string[]> {
  const table = TABLES[kind];
  const [tiers, now] = [await readTiers(deps.db), deps.now()];
  let after: QueryDocumentSnapshot | undefined;
  for (;;) {
    let query = deps.db
      .collection(table.collection)
      .orderBy(FieldPath.documentId())
      .select(...table.fields)
      .limit(pageSize);
    if (after) query = query.startAfter(after);
    const page = await query.get();
    for (const doc of page.docs) yield table.row(doc, tiers, now).map(csvSafe);
    if (page.docs.length < pageSize) return;
    after = page.docs.at(-1);
  }
}
