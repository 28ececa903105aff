import type { Firestore } from 'firebase-admin/firestore';
import { CONFIG, TIERS_DOC } from '../shared/members';
import { DEFAULT_TIERS, type TiersConfig } from '../shared/tiers';

const TTL_MS = 60_000;
let cached: { at: number; value: TiersConfig } | undefined;

/** `config/tiers`, cached for a minute per instance; the defaults until an admin has saved any. */
export async function loadTiers(db: Firestore, now = Date.now()): Promise<TiersConfig> {
  if (cached && now - cached.at < TTL_MS) return cached.value;
  const snap = await db.collection(CONFIG).doc(TIERS_DOC).get();
  const value = (snap.data() as TiersConfig | undefined) ?? DEFAULT_TIERS;
  cached = { at: now, value };
  return value;
}
