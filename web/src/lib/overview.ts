// Admin → Overview: snapshots read defensively (a demo or older snapshot may lack a part), the figures the
// page shows (latest, change against 30 days before, sums over the window) and the chart's geometry.
import { mrrChange, type OverviewSnapshot } from '@shared/overview';

export type SnapshotView = Omit<OverviewSnapshot<Date | null>, 'demo'> & { demo: boolean };

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const record = (v: unknown): Record<string, number> =>
  v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, n]) => [k, num(n)])) : {};
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
const orNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A snapshot document as the page uses it (every part present, numbers as numbers). */
export function snapshotView(id: string, data: Record<string, unknown>): SnapshotView {
  const members = (data.members ?? {}) as Record<string, unknown>;
  const newsletters = (data.newsletters ?? {}) as Record<string, unknown>;
  const events = (data.events ?? {}) as Record<string, unknown>;
  const takenAt = data.takenAt as { toDate?: () => Date } | undefined;
  return {
    day: str(data.day) || id,
    takenAt: takenAt?.toDate ? takenAt.toDate() : null,
    demo: data.demo === true,
    members: {
      total: num(members.total),
      byTier: record(members.byTier),
      paid: num(members.paid),
      trial: num(members.trial),
      complimentary: num(members.complimentary),
    },
    mrr: record(data.mrr),
    signups: num(data.signups),
    conversions: num(data.conversions),
    churned: num(data.churned),
    newsletters: {
      issues: num(newsletters.issues),
      recipients: num(newsletters.recipients),
      sent: num(newsletters.sent),
      opens: orNull(newsletters.opens),
    },
    events: {
      ended: num(events.ended),
      registered: num(events.registered),
      attended: orNull(events.attended),
      list: list(events.list).map((e) => ({ id: str(e.id), title: str(e.title), registered: num(e.registered) })),
    },
    topMaterials: list(data.topMaterials).map((m) => ({
      id: str(m.id),
      title: str(m.title),
      downloads: num(m.downloads),
    })),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The figures of the page: from the newest snapshot and the `windowDays` before it (snapshots newest first). */
export function overviewFigures(newestFirst: SnapshotView[], windowDays = 30) {
  const latest = newestFirst[0];
  if (!latest) return null;
  const since = dayMs(latest.day) - windowDays * DAY_MS;
  const window = newestFirst.filter((s) => dayMs(s.day) > since);
  // The MRR 30 days ago: the newest snapshot on or before that day, if there is one.
  const before = newestFirst.find((s) => dayMs(s.day) <= since) ?? null;
  const sum = (pick: (s: SnapshotView) => number) => window.reduce((total, s) => total + pick(s), 0);
  const downloads = new Map<string, { id: string; title: string; downloads: number }>();
  for (const s of window)
    for (const m of s.topMaterials) {
      const seen = downloads.get(m.id);
      downloads.set(m.id, { id: m.id, title: seen?.title || m.title, downloads: (seen?.downloads ?? 0) + m.downloads });
    }
  const opensReported = window.some((s) => s.newsletters.opens !== null);
  return {
    latest,
    windowDays: window.length,
    mrr: mrrChange(latest.mrr, before?.mrr ?? {}),
    mrrBeforeDay: before?.day ?? null,
    signups: sum((s) => s.signups),
    conversions: sum((s) => s.conversions),
    churned: sum((s) => s.churned),
    newsletters: {
      issues: sum((s) => s.newsletters.issues),
      sent: sum((s) => s.newsletters.sent),
      opens: opensReported ? sum((s) => s.newsletters.opens ?? 0) : null,
    },
    events: window.flatMap((s) => s.events.list.map((e) => ({ ...e, day: s.day }))),
    eventRegistrations: sum((s) => s.events.registered),
    topMaterials: [...downloads.values()].sort((a, b) => b.downloads - a.downloads).slice(0, 10),
    demo: window.some((s) => s.demo),
  };
}

export interface ChartLine {
  tier: string;
  points: string;
  last: number;
}

/**
 * Members by tier over time as SVG polylines in a `width` × `height` box (oldest day left): one line per
 * tier, y from 0 to the largest count. Days without a snapshot are skipped, not drawn as zero.
 */
export function tierChart(newestFirst: SnapshotView[], tiers: string[], width: number, height: number) {
  const days = [...newestFirst].reverse();
  const max = Math.max(1, ...days.flatMap((s) => tiers.map((t) => s.members.byTier[t] ?? 0)));
  const first = days[0] ? dayMs(days[0].day) : 0;
  const span = days.length > 1 ? dayMs(days.at(-1)!.day) - first : 1;
  const x = (day: string) => (days.length > 1 ? ((dayMs(day) - first) / span) * width : width / 2);
  const y = (count: number) => height - (count / max) * height;
  const lines: ChartLine[] = tiers.map((tier) => ({
    tier,
    points: days.map((s) => `${x(s.day).toFixed(1)},${y(s.members.byTier[tier] ?? 0).toFixed(1)}`).join(' '),
    last: days.at(-1)?.members.byTier[tier] ?? 0,
  }));
  return { lines, max, from: days[0]?.day ?? '', to: days.at(-1)?.day ?? '' };
}
