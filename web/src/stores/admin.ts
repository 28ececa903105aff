import { defineStore } from 'pinia';
// Admin pages use the full Firestore SDK (loaded with them): keeping writes out of Firestore lite keeps
// the public catalog's bundle small.
import {
  collection,
  doc,
  getAggregateFromServer,
  getCountFromServer,
  getDoc,
  getDocs,
  limit,
  orderBy,
  query,
  serverTimestamp,
  startAfter,
  sum,
  where,
  writeBatch,
  type QueryDocumentSnapshot,
} from 'firebase/firestore';
import { describeIssues } from '@shared/validation';
import { materialInputSchema, type MaterialInput } from '@shared/material-schema';
import {
  BODY,
  GATED,
  MATERIALS,
  materialDocs,
  type MaterialBody,
  type MaterialFile,
  type MaterialTeaser,
} from '@shared/materials';
import { MEMBERS } from '@shared/members';
import { rankOf } from '@shared/tiers';
import type { SubscriptionView } from '@/lib/billing';
import { callFunction, functionUrl, liveFirestore } from '@/lib/firebase';
import { fieldErrorsOf } from '@/lib/material-form';
import { memberView } from '@/lib/member';
import { useSessionStore } from './session';
import { useTiersStore } from './tiers';

type Stamp = { toDate(): Date };
export type AdminMaterial = MaterialTeaser<Stamp> & { id: string };
export interface MemberRow {
  uid: string;
  email: string;
  name: string;
  tier: string;
  admin: boolean;
  grant: { tier: string; endsAt: Date | null } | null;
  /** The Stripe subscription as last synced (also an ended one); null when they never subscribed. */
  subscription: SubscriptionView | null;
  /** Monthly recurring revenue from this member, smallest currency unit. */
  mrr: number;
}

/** Members per tier and the total MRR, computed by Firestore aggregation queries (no member is downloaded). */
export interface MembersSummary {
  total: number;
  byTier: { tier: string; count: number }[];
  mrr: number;
}

function memberRow(uid: string, data: Record<string, unknown>): MemberRow {
  const { email, name, tier, admin, grant, subscription } = memberView(data, '');
  const mrr = typeof data.mrr === 'number' && Number.isFinite(data.mrr) ? data.mrr : 0;
  return { uid, email, name, tier, admin, grant, subscription, mrr };
}

export type SaveResult = { ok: true } | { ok: false; fieldErrors: Record<string, string>; message: string };

/** Admin work: materials (teaser + body written as one batch) and member grants. */
export const useAdminStore = defineStore('admin', () => {
  const tiers = useTiersStore();
  const session = useSessionStore();

  async function listMaterials(): Promise<AdminMaterial[]> {
    const db = await liveFirestore();
    const snap = await getDocs(query(collection(db, MATERIALS), orderBy('updatedAt', 'desc'), limit(200)));
    return snap.docs.map((d) => ({ id: d.id, ...(d.data() as MaterialTeaser<Stamp>) }));
  }

  async function loadMaterial(id: string): Promise<{ input: MaterialInput; publishedAt: Stamp | null } | null> {
    const db = await liveFirestore();
    const [teaser, body] = await Promise.all([
      getDoc(doc(db, MATERIALS, id)),
      getDoc(doc(db, MATERIALS, id, GATED, BODY)),
    ]);
    if (!teaser.exists()) return null;
    const t = teaser.data() as MaterialTeaser<Stamp>;
    const b = (body.data() as MaterialBody | undefined) ?? { markdown: '', files: [] };
    return {
      input: {
        id,
        kind: t.kind,
        title: t.title,
        summary: t.summary,
        tags: t.tags,
        access: t.access,
        status: t.status,
        author: t.author,
        markdown: b.markdown,
        files: b.files,
      },
      publishedAt: t.publishedAt,
    };
  }

  /**
   * Validates with the shared schema, derives rank, search keys and reading time, and writes teaser and
   * body in one batch (the rules check that they agree). `publishedAt` is kept once set and stamped by
   * the server on first publish.
   */
  async function saveMaterial(
    raw: unknown,
    options: { isNew: boolean; publishedAt: Stamp | null },
  ): Promise<SaveResult> {
    await tiers.load();
    const parsed = materialInputSchema.safeParse(raw);
    if (!parsed.success)
      return { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues), message: describeIssues(parsed.error) };
    const input = parsed.data;
    const rank = rankOf(tiers.config, input.access);
    if (rank === undefined)
      return {
        ok: false,
        fieldErrors: { access: 'Choose a plan that exists' },
        message: `Unknown plan "${input.access}"`,
      };
    if (options.isNew && (await exists(input.id))) {
      return {
        ok: false,
        fieldErrors: { id: 'A material with this address exists already' },
        message: 'Choose another address.',
      };
    }
    const db = await liveFirestore();
    const publishedAt = options.publishedAt ?? (input.status === 'published' ? serverTimestamp() : null);
    const { teaser, body } = materialDocs<unknown>(input, rank, { publishedAt, updatedAt: serverTimestamp() });
    const batch = writeBatch(db);
    batch.set(doc(db, MATERIALS, input.id), teaser);
    batch.set(doc(db, MATERIALS, input.id, GATED, BODY), body);
    await batch.commit();
    return { ok: true };
  }

  async function deleteMaterial(id: string) {
    const db = await liveFirestore();
    const batch = writeBatch(db);
    batch.delete(doc(db, MATERIALS, id, GATED, BODY));
    batch.delete(doc(db, MATERIALS, id));
    await batch.commit();
  }

  async function exists(id: string) {
    const db = await liveFirestore();
    return (await getDoc(doc(db, MATERIALS, id))).exists();
  }

  /** Uploads a file for a download material; returns its entry for `files`. */
  async function uploadFile(file: File) {
    const res = await fetch(functionUrl('uploadMedia', { name: file.name }), {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await session.idToken()}`,
        'Content-Type': file.type || 'application/octet-stream',
      },
      body: file,
    });
    const json = (await res.json().catch(() => ({}))) as Partial<MaterialFile> & {
      error?: string | { message?: string };
    };
    if (!res.ok || !json.path) {
      const reason = typeof json.error === 'string' ? json.error : json.error?.message;
      throw new Error(reason ?? `Upload failed (HTTP ${res.status})`);
    }
    return {
      name: json.name ?? file.name,
      path: json.path,
      size: json.size ?? file.size,
      contentType: json.contentType ?? file.type,
    };
  }

  async function listMembers(after?: QueryDocumentSnapshot, pageSize = 50) {
    const db = await liveFirestore();
    const constraints = [orderBy('email'), ...(after ? [startAfter(after)] : []), limit(pageSize)];
    const snap = await getDocs(query(collection(db, MEMBERS), ...constraints));
    return {
      rows: snap.docs.map((d) => memberRow(d.id, d.data())),
      last: snap.docs[snap.docs.length - 1],
      more: snap.docs.length === pageSize,
    };
  }

  /** One count query per tier and one sum over `mrr` (each billed as about one read per 1000 members). */
  async function membersSummary(tierIds: string[]): Promise<MembersSummary> {
    const db = await liveFirestore();
    const members = collection(db, MEMBERS);
    // Separate queries: an aggregation with sum() only counts documents that have the summed field.
    const [byTier, total, revenue] = await Promise.all([
      Promise.all(
        tierIds.map(async (tier) => ({
          tier,
          count: (await getCountFromServer(query(members, where('tier', '==', tier)))).data().count,
        })),
      ),
      getCountFromServer(members),
      getAggregateFromServer(members, { mrr: sum('mrr') }),
    ]);
    return { total: total.data().count, byTier, mrr: Number(revenue.data().mrr) || 0 };
  }

  /** `endsAt`: an ISO date (`2027-01-31`) or null for no end. */
  const grant = (req: { email: string; tier: string; endsAt: string | null; note?: string }) =>
    callFunction<typeof req, { uid: string; tier: string; endsAt: string | null }>('grantComplimentary', req);
  const revoke = (uid: string) =>
    callFunction<{ uid: string }, { uid: string; tier: string }>('revokeComplimentary', { uid });

  return {
    listMaterials,
    loadMaterial,
    saveMaterial,
    deleteMaterial,
    exists,
    uploadFile,
    listMembers,
    membersSummary,
    grant,
    revoke,
  };
});
