// Admin overview: the daily snapshots (written by functions, admin-readable), "take a snapshot now", and the
// CSV exports (an HTTP function that wants the admin's ID token).
import { OVERVIEW_SNAPSHOTS, type ExportKind } from '@shared/overview';
import { liveQuery } from '@/composables/live-sources';
import { callFunction, functionUrl } from '@/lib/firebase';
import { snapshotView } from '@/lib/overview';

/** The newest `days` snapshots, newest first, live (the job's or an admin's refresh appears at once). */
export const liveSnapshots = (days = 60) =>
  liveQuery(
    ({ collection, limit, orderBy, query }, db) =>
      query(collection(db, OVERVIEW_SNAPSHOTS), orderBy('day', 'desc'), limit(days)),
    snapshotView,
  );

/** Takes today's snapshot now (the same function as the daily job). */
export const refreshOverview = () => callFunction('refreshOverview', {});

/**
 * Downloads an export as a file: the HTTP function answers CSV for the admin's token; the browser saves it
 * under the name the server gave (`Content-Disposition`).
 */
export async function downloadExport(kind: ExportKind, idToken: string): Promise<void> {
  const res = await fetch(functionUrl('exportCsv', { kind }), { headers: { Authorization: `Bearer ${idToken}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `The export failed (HTTP ${res.status})`);
  }
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
    `commons-${kind}-${new Date().toISOString().slice(0, 10)}.csv`;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
