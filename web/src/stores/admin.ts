import { defineStore } from 'pinia';
// Admin pages use the full Firestore SDK (loaded with them): keeping writes out of Firestore lite keeps
// the public catalog's bundle small.
import {
  collection,
  doc,
  getDoc,
  getDocs,
  limit,
  orderBy,
  query,
  serverTimestamp,
  startAfter,
  writeBatch,
  type QueryDocumentSnapshot,
} from 'firebase/firestore';
import { describeIssues } from '@shared/validation';
import { materialInputSchema, type MaterialInput } from '@shared/material-schema';
import { BODY, GATED, MATERIALS, materialDocs, type MaterialBody, type MaterialTeaser } from '@shared/materials';
import { MEMBERS } from '@shared/members';
import { rankOf } from '@shared/tiers';
import { callFunction, functionUrl, liveFirestore } from '@/lib/firebase';
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
  grant: { tier: string; endsAt: Stamp | null } | null;
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
    const [teaser, body] = await Promise.all([getDoc(doc(db, MATERIALS, id)), getDoc(doc(db, MATERIALS, id, GATED, BODY))]);
    if (!teaser.exists()) return null;
    const t = teaser.data() as MaterialTeaser<Stamp>;
    const b = (body.data() as MaterialBody | undefined) ?? { markdown: '', files: [] };
    return {
      input: { id, kind: t.kind, title: t.title, summary: t.summary, tags: t.tags, access: t.access, status: t.status, author: t.author, markdown: b.markdown, files: b.files },
      publishedAt: t.publishedAt,
    };
  }

  /** Validates, derives rank and search keys, and writes teaser and body together or not at all. */
  async function saveMaterial(raw: unknown, previous: { publishedAt: Stamp | null } | null): Promise<SaveResult> {
    await tiers.load();
    const parsed = materialInputSchema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message;
      return { ok: false, fieldErrors, message: describeIssues(parsed.error) };
    }
    const input = parsed.data;
    const rank = rankOf(tiers.config, input.access);
    if (rank === undefined) return { ok: false, fieldErrors: { access: 'Unknown plan' }, message: `Unknown plan "${input.access}"` };
    const db = await liveFirestore();
    const publishedAt = input.status === 'published' ? (previous?.publishedAt ?? serverTimestamp()) : null;
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
    const res = await fetch(`${functionUrl('uploadMedia')}?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await session.idToken()}`, 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
    const json = (await res.json()) as { path: string; size: number; contentType: string; name: string; error?: string };
    if (!res.ok) throw new Error(json.error ?? `Upload failed (${res.status})`);
    return { name: json.name, path: json.path, size: json.size, contentType: json.contentType };
  }

  async function listMembers(after?: QueryDocumentSnapshot, pageSize = 50) {
    const db = await liveFirestore();
    const constraints = [orderBy('email'), ...(after ? [startAfter(after)] : []), limit(pageSize)];
    const snap = await getDocs(query(collection(db, MEMBERS), ...constraints));
    return {
      rows: snap.docs.map((d) => ({ uid: d.id, ...(d.data() as Omit<MemberRow, 'uid'>) })),
      last: snap.docs[snap.docs.length - 1],
      more: snap.docs.length === pageSize,
    };
  }

  const grant = (req: { email: string; tier: string; endsAt: string | null; note: string }) =>
    callFunction<typeof req, { uid: string; tier: string; endsAt: string | null }>('grantComplimentary', req);
  const revoke = (uid: string) => callFunction<{ uid: string }, { uid: string; tier: string }>('revokeComplimentary', { uid });

  return { listMaterials, loadMaterial, saveMaterial, deleteMaterial, exists, uploadFile, listMembers, grant, revoke };
});
