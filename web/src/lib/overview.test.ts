import { describe, expect, it } from 'vitest';
import { overviewFigures, snapshotView, tierChart } from './overview';

const snap = (day: string, over: Record<string, unknown> = {}) =>
  snapshotView(day, {
    day,
    members: { total: 10, byTier: { free: 6, main: 4 }, paid: 4, trial: 0, complimentary: 0 },
    mrr: { eur: 7600 },
    signups: 1,
    conversions: 1,
    churned: 0,
    newsletters: { issues: 0, recipients: 0, sent: 0, opens: null },
    events: { ended: 0, registered: 0, attended: null, list: [] },
    topMaterials: [],
    ...over,
  });

describe('snapshotView', () => {
  it('fills a part a snapshot lacks', () => {
    const view = snapshotView('2026-12-01', { members: { total: 'x' } });
    expect(view.day).toBe('2026-12-01');
    expect(view.members.total).toBe(0);
    expect(view.newsletters.opens).toBeNull();
    expect(view.topMaterials).toEqual([]);
  });
});

describe('overviewFigures', () => {
  it('compares MRR with the snapshot 30 days before and sums the window', () => {
    const days = [
      snap('2026-12-03', { mrr: { eur: 9500 }, signups: 2, topMaterials: [{ id: 'a', title: 'A', downloads: 3 }] }),
      snap('2026-12-02', {
        churned: 1,
        topMaterials: [
          { id: 'a', title: 'A', downloads: 2 },
          { id: 'b', title: 'B', downloads: 4 },
        ],
      }),
      snap('2026-11-03', { mrr: { eur: 5000 } }),
      snap('2026-11-01', { mrr: { eur: 1000 } }),
    ];
    const f = overviewFigures(days)!;
    expect(f.mrr).toEqual([{ currency: 'eur', now: 9500, before: 5000, change: 4500 }]);
    expect(f.mrrBeforeDay).toBe('2026-11-03');
    expect(f.signups).toBe(3);
    expect(f.churned).toBe(1);
    expect(f.topMaterials).toEqual([
      { id: 'a', title: 'A', downloads: 5 },
      { id: 'b', title: 'B', downloads: 4 },
    ]);
    expect(f.newsletters.opens).toBeNull();
  });

  it('is null without snapshots', () => {
    expect(overviewFigures([])).toBeNull();
  });
});

describe('tierChart', () => {
  it('draws one line per tier, oldest day left, scaled to the largest count', () => {
    const chart = tierChart(
      [snap('2026-12-03'), snap('2026-12-01', { members: { byTier: { free: 8, main: 2 } } })],
      ['free', 'main'],
      100,
      50,
    );
    expect(chart.max).toBe(8);
    expect(chart.lines[0]).toEqual({ tier: 'free', points: '0.0,0.0 100.0,12.5', last: 6 });
    expect(chart.lines[1]?.points).toBe('0.0,37.5 100.0,25.0');
  });
});
