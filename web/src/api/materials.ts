// Admin work on materials: a teaser `materials/{id}` and its gated body, always written together in
// one batch (the rules check that they agree). Uses the full Firestore SDK, loaded with admin pages.
import type { Timestamp } from 'firebase/firestore';
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
import { rankOf, type TiersConfig } from '@shared/tiers';
import { functionUrl } from '@/lib/firebase';
import { fullFirestore } from '@/composables/live-sources';
import { fieldErrorsOf } from '@/lib/material-form';

export type AdminMaterial = MaterialTeaser<Timestamp> & { id: string };
export type SaveResult = { ok: true } | { ok: false; fieldErrors: Record<string, string>; message: string };

/** The latest materials, most recently edited first (drafts included: admins read them all). */
export async function listMaterials(max = 200): Promise<AdminMaterial[]> {
  const [{ collection, getDocs, limit, orderBy, query }, db] = await fullFirestore();
  const snap = await getDocs(query(collection(db, MATERIALS), orderBy('updatedAt', 'desc'), limit(max)));
  return snap.docs.map((d) => ({ id: d.id, ...(d.data() as MaterialTeaser<Timestamp>) }));
}

/** Teaser and body as the editor's input; null when the material does not exist. */
export async function loadMaterial(
  id: string,
): Promise<{ input: MaterialInput; publishedAt: Timestamp | null } | null> {
  const [{ doc, getDoc }, db] = await fullFirestore();
  const [teaser, body] = await Promise.all([
    getDoc(doc(db, MATERIALS, id)),
    getDoc(doc(db, MATERIALS, id, GATED, BODY)),
  ]);
  if (!teaser.exists()) return null;
  const t = teaser.data() as MaterialTeaser<Timestamp>;
  const b = (body.data() as MaterialBody | undefined) ?? { markdown: '', files: [] };
  const { kind, title, summary, tags, access, status, author } = t;
  // A link's source is on the teaser, its URL in the body (on the teaser too only when public).
  const link = kind === 'link' ? { source: t.source ?? '', url: (b as MaterialBody).url ?? t.url ?? '' } : {};
  return {
    input: { id, kind, title, summary, tags, access, status, author, markdown: b.markdown, files: b.files, ...link },
    publishedAt: t.publishedAt,
  };
}

async function materialExists(id: string): Promise<boolean> {
  const [{ doc, getDoc }, db] = await fullFirestore();
  return (await getDoc(doc(db, MATERIALS, id))).exists();
}

/**
 * Validates with the shared schema, derives rank and reading time, and writes teaser and body in one batch
 * (functions then add the body's HTML and the search index entry). `publishedAt` is kept once set and stamped
 * by the server on first publish.
 */
export async function saveMaterial(
  raw: unknown,
  tiers: TiersConfig,
  options: { isNew: boolean; publishedAt: Timestamp | null },
): Promise<SaveResult> {
  const parsed = materialInputSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues), message: describeIssues(parsed.error) };
  const input = parsed.data;
  const rank = rankOf(tiers, input.access);
  if (rank === undefined)
    return {
      ok: false,
      fieldErrors: { access: 'Choose a plan that exists' },
      message: `Unknown plan "${input.access}"`,
    };
  if (options.isNew && (await materialExists(input.id)))
    return {
      ok: false,
      fieldErrors: { id: 'A material with this address exists already' },
      message: 'Choose another address.',
    };
  const [{ deleteField, doc, serverTimestamp, writeBatch }, db] = await fullFirestore();
  const publishedAt = options.publishedAt ?? (input.status === 'published' ? serverTimestamp() : null);
  const { teaser, body } = materialDocs<unknown>(input, rank, { publishedAt, updatedAt: serverTimestamp() });
  const batch = writeBatch(db);
  // Merged, so what functions keep on a recording's teaser (its event, duration, chapters) survives an edit.
  // A link made gated (or no longer a link) loses the URL its public teaser carried: merging would keep it.
  batch.set(
    doc(db, MATERIALS, input.id),
    { ...teaser, url: teaser.url ?? deleteField(), source: teaser.source ?? deleteField() },
    { merge: true },
  );
  // Merged, so the HTML functions rendered from the previous markdown stays (the rules forbid clients to
  // touch it) and readers see it until the trigger renders this save.
  batch.set(doc(db, MATERIALS, input.id, GATED, BODY), { ...body, url: body.url ?? deleteField() }, { merge: true });
  await batch.commit();
  return { ok: true };
}

export async function deleteMaterial(id: string): Promise<void> {
  const [{ doc, writeBatch }, db] = await fullFirestore();
  const batch = writeBatch(db);
  batch.delete(doc(db, MATERIALS, id, GATED, BODY));
  batch.delete(doc(db, MATERIALS, id));
  await batch.commit();
}

/** Uploads a file for a download material through `uploadMedia`; returns its entry for `files`. */
export async function uploadFile(file: File, idToken: string): Promise<MaterialFile> {
  const res = await fetch(functionUrl('uploadMedia', { name: file.name }), {
    method: 'POST',
    headers: { Authorization: `Bearer ${idToken}`, 'Content-Type': file.type || 'application/octet-stream' },
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
