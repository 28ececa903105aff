import type { Router } from 'vue-router';
import { readTeaser, type Teaser } from '@/api/catalog';

// A material page needs its route chunk and its teaser; requested one after the other they cost two round
// trips. These start the teaser read when navigation begins (before the router fetches the chunk) or when
// a reader points at a card (with the chunk too), and the view takes the read already under way.

/** How long a started read may be handed to the page (a hover long before the click reads again). */
const FRESH_MS = 30_000;
const started = new Map<string, { at: number; teaser: Promise<Teaser | null> }>();

/** Starts reading `materials/{id}` unless a fresh read is under way. */
export function prefetchTeaser(id: string): void {
  const current = started.get(id);
  if (current && Date.now() - current.at < FRESH_MS) return;
  const teaser = readTeaser(id);
  teaser.catch(() => {}); // the view reads its outcome (or reads again)
  started.set(id, { at: Date.now(), teaser });
}

/** The started read of `materials/{id}`, once (a later visit reads again); undefined when none is fresh. */
export function takePrefetchedTeaser(id: string): Promise<Teaser | null> | undefined {
  const current = started.get(id);
  started.delete(id);
  return current && Date.now() - current.at < FRESH_MS ? current.teaser : undefined;
}

/** Chunk and teaser of a material page, before the click (a card under the pointer or focus). */
export function prefetchMaterial(id: string): void {
  void import('@/views/MaterialView.vue');
  prefetchTeaser(id);
}

/** Global guards run before the router loads a lazy route's chunk: the teaser read starts beside it. */
export function installRoutePrefetch(router: Router): void {
  router.beforeEach((to) => {
    if (to.name === 'material' && typeof to.params.id === 'string') prefetchTeaser(to.params.id);
  });
}
