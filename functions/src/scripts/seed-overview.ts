import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { createIfAbsent } from '../app/firebase';
import { monthlyAmount } from '../shared/billing';
import { DEFAULT_TIERS } from '../shared/defaults';
import { OVERVIEW_SNAPSHOTS, utcDay, type OverviewSnapshot } from '../shared/overview';
import { lowestTier, sortedTiers, tierById } from '../shared/tiers';
import { SEED_EVENTS } from './seed-events';
import { SEED_MATERIALS } from './seed-materials';

const DAY_MS = 86_400_000;
/** Days of demo history before the seed's day. */
export const DEMO_HISTORY_DAYS = 35;
/** The demo community is the seeded accounts as a community this many times larger. */
const SCALE = 40;

/** A deterministic wobble in [0, 1) per day and salt, so reseeding writes the same history. */
const wobble = (i: number, salt: number) => {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43_758.5453;
  return x - Math.floor(x);
};

/**
 * Demo history for the admin overview, marked `demo: true` (the page says so): the `DEMO_HISTORY_DAYS` days
 * before `now`, each created only when absent. Figures are derived from the seeded accounts (their tiers
 * scaled to a community of about `SCALE` times as many, growing to today's size) and the seeded materials and
 * past event; MRR is what those paid tiers would bring at their monthly prices. Today's snapshot is never
 * synthesized: the real job takes it (dev-cron runs it at start), and so does "Update now".
 */
export async function seedOverviewHistory(
  db: Firestore,
  accounts: readonly { tier: string | null }[],
  now: Date,
): Promise<number> {
  const tiers = sortedTiers(DEFAULT_TIERS);
  const lowest = lowestTier(DEFAULT_TIERS).id;
  const seeded: Record<string, number> = Object.fromEntries(tiers.map((t) => [t.id, 0]));
  for (const a of accounts) seeded[a.tier ?? lowest] = (seeded[a.tier ?? lowest] ?? 0) + 1;
  const materials = SEED_MATERIALS.filter((m) => m.status === 'published').slice(0, 6);
  const pastEvent = SEED_EVENTS.find((e) => e.days < 0);
  let created = 0;
  for (let back = DEMO_HISTORY_DAYS; back >= 1; back--) {
    const at = new Date(now.getTime() - back * DAY_MS);
    const day = utcDay(at);
    const i = DEMO_HISTORY_DAYS - back; // 0 = oldest
    const growth = 0.7 + (0.3 * i) / DEMO_HISTORY_DAYS;
    const byTier = Object.fromEntries(
      tiers.map((t, n) => [t.id, Math.round((seeded[t.id] ?? 0) * SCALE * growth * (0.97 + 0.06 * wobble(i, n)))]),
    );
    const paid = tiers.filter((t) => t.prices?.monthly).reduce((sum, t) => sum + (byTier[t.id] ?? 0), 0);
    const mrr = tiers.reduce((sum, t) => {
      const price = tierById(DEFAULT_TIERS, t.id)?.prices?.monthly;
      return sum + (price ? (byTier[t.id] ?? 0) * monthlyAmount(price.amount, 'monthly') : 0);
    }, 0);
    const total = Object.values(byTier).reduce((a, b) => a + b, 0);
    const eventDay = pastEvent && back === -pastEvent.days;
    const snapshot: OverviewSnapshot<Timestamp> = {
      day,
      takenAt: Timestamp.fromDate(new Date(`${day}T23:50:00Z`)),
      demo: true,
      members: { total, byTier, paid, trial: Math.round(2 * wobble(i, 7)), complimentary: Math.round(paid / 20) },
      mrr: { eur: mrr },
      signups: 2 + Math.floor(5 * wobble(i, 11)),
      conversions: Math.floor(3 * wobble(i, 13)),
      churned: Math.floor(1.6 * wobble(i, 17)),
      newsletters: {
        issues: i % 7 === 3 ? 1 : 0,
        recipients: i % 7 === 3 ? total : 0,
        sent: i % 7 === 3 ? total - 1 : 0,
        opens: null,
      },
      events: eventDay
        ? {
            ended: 1,
            registered: 24,
            attended: null,
            list: [{ id: pastEvent.ids[0]!, title: pastEvent.input.title, registered: 24 }],
          }
        : { ended: 0, registered: 0, attended: null, list: [] },
      topMaterials: materials
        .map((m, n) => ({
          id: m.id,
          title: m.title,
          downloads: Math.floor((materials.length - n) * 3 * wobble(i, 23 + n)),
        }))
        .filter((m) => m.downloads > 0)
        .sort((a, b) => b.downloads - a.downloads),
    };
    if (await createIfAbsent(db.collection(OVERVIEW_SNAPSHOTS).doc(day), snapshot)) created++;
  }
  return created;
}
