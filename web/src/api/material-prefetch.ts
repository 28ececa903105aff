import type { RouteLocationRaw, Router } from 'vue-router';
import { readTeaser, type Teaser } from './catalog';

// A material page needs its route chunk and its teaser; requested one after the other they cost two round
// trips. These start the teaser read when navigation begins (global guards run before the router loads a
// lazy route's chunk) or when a reader points at a card (with the chunk too), and the view takes the read
// already under way.

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

/** A lazy route component is a loader function; a component itself is an object (or carries these keys). */
const isLoader = (c: unknown): c is () => Promise<unknown> =>
  typeof c === 'function' && !('displayName' in c) && !('props' in c) && !('__vccOpts' in c);

/** Starts loading the chunks of the route `to` leads to (the router's own loaders, so the same chunks). */
export function preloadRoute(router: Router, to: RouteLocationRaw): void {
  for (const record of router.resolve(to).matched) {
    const component = record.components?.default;
    if (isLoader(component)) void component().catch(() => {}); // the navigation reports a failed load
  }
}

/** Chunk and teaser of a material page, before the click (a card under the pointer or focus). */
export function prefetchMaterial(router: Router, id: string): void {
  preloadRoute(router, `/materials/${encodeURIComponent(id)}`);
  prefetchTeaser(id);
}

/** Starts a material's teaser read as navigation to it begins, beside its route chunk. */
export function installRoutePrefetch(router: Router): void {
  router.beforeEach((to) => {
    if (to.name === 'material' && typeof to.params.id === 'string') prefetchTeaser(to.params.id);
  });
}
