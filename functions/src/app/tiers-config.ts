import type { Firestore } from 'firebase-admin/firestore';
import { CONFIG, TIERS_DOC } from '../shared/members';
import { DEFAULT_TIERS } from '../shared/defaults';
import { type TiersConfig } from '../shared/tiers';

const TTL_MS = 60_000;
let cached: { at: number; value: TiersConfig } | undefined;

/** `config/tiers` as stored now; the defaults until an admin has saved any. Billing reads it uncached. */
export async function readTiers(db: Firestore): Promise<TiersConfig> {
  const snap = await db.collection(CONFIG).doc(TIERS_DOC).get();
  return (snap.data() as TiersConfig | undefined) ?? DEFAULT_TIERS;
}

/** `config/tiers`, cached for a minute per instance (ranks for access checks change rarely). */
export async function loadTiers(db: Firestore, now = Date.now()): Promise<TiersConfig> {
  if (cached && now - cached.at < TTL_MS) return cached.value;
  cached = { at: now, value: await readTiers(db) };
  return cached.value;
}
