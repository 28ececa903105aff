import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { tierNeeded, type Gated } from '@shared/access';
import { CONFIG, TIERS_DOC } from '@shared/members';
import { DEFAULT_TIERS } from '@shared/defaults';
import { accessLabel, accessLevels, lowestTier, sortedTiers, tierById, type TiersConfig } from '@shared/tiers';
import { firestoreLite } from '@/lib/firebase';

/** `config/tiers`, read once per visit; the defaults until it arrives (or if it is missing). */
export const useTiersStore = defineStore('tiers', () => {
  const config = shallowRef<TiersConfig>(DEFAULT_TIERS);
  /** Set when the server rendered the page from `config/tiers`: the browser then does not read it again. */
  const served = ref(false);
  let loading: Promise<void> | undefined;

  function load() {
    if (served.value) return Promise.resolve();
    loading ??= firestoreLite()
      .then(([sdk, db]) => sdk.getDoc(sdk.doc(db, CONFIG, TIERS_DOC)))
      .then((snap) => {
        if (snap.exists()) config.value = snap.data() as TiersConfig;
      })
      .catch((err: unknown) => console.warn('tiers config unavailable, using defaults', err));
    return loading;
  }

  /** On the server: the config read before rendering. */
  function serve(value: TiersConfig) {
    config.value = value;
    served.value = true;
  }

  const tiers = computed(() => sortedTiers(config.value));
  const levels = computed(() => accessLevels(config.value));
  const label = (access: string) => accessLabel(config.value, access);
  const needed = (item: Gated) => tierNeeded(config.value, item);
  const tierName = (id: string) => tierById(config.value, id)?.name ?? id;
  /** The tier every member holds at least (what a new member has). */
  const lowest = computed(() => lowestTier(config.value));
  /** A member's tier as stored (claim or document); the lowest while it is not set yet. */
  const heldTier = (tier: unknown) => (typeof tier === 'string' && tier ? tier : lowest.value.id);

  return { config, served, tiers, levels, lowest, load, serve, label, needed, tierName, heldTier };
});
