import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';

const readTeaser = vi.fn((id: string) => Promise.resolve({ title: `teaser ${id}` }));
vi.mock('./catalog', () => ({ readTeaser: (id: string) => readTeaser(id) }));
const { installRoutePrefetch, prefetchMaterial, prefetchTeaser, takePrefetchedTeaser } =
  await import('./material-prefetch');

function routerWith(loadMaterial: () => Promise<object>) {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: {} },
      { path: '/materials/:id', name: 'material', component: loadMaterial, props: true },
    ],
  });
}

describe('material prefetch', () => {
  beforeEach(() => readTeaser.mockClear());
  afterEach(() => vi.useRealTimers());

  it('hands a started read to the page once, and reads once for repeated hovers', async () => {
    prefetchTeaser('a');
    prefetchTeaser('a');
    expect(readTeaser).toHaveBeenCalledTimes(1);
    await expect(takePrefetchedTeaser('a')).resolves.toEqual({ title: 'teaser a' });
    expect(takePrefetchedTeaser('a')).toBeUndefined();
  });

  it('does not hand over a read started too long ago', () => {
    vi.useFakeTimers();
    prefetchTeaser('b');
    vi.advanceTimersByTime(31_000);
    expect(takePrefetchedTeaser('b')).toBeUndefined();
  });

  it('starts the teaser read when navigation to a material begins, before its chunk loads', async () => {
    let resolveChunk!: (c: object) => void;
    const chunk = new Promise<object>((r) => (resolveChunk = r));
    const router = routerWith(() => chunk);
    installRoutePrefetch(router);
    const navigation = router.push('/materials/c');
    await vi.waitFor(() => expect(readTeaser).toHaveBeenCalledWith('c'));
    resolveChunk({ default: {} });
    await navigation;
    expect(router.currentRoute.value.params.id).toBe('c');
    expect(takePrefetchedTeaser('c')).toBeDefined();
  });

  it('loads the route chunk and the teaser when a card is pointed at', () => {
    const load = vi.fn(() => Promise.resolve({ default: {} }));
    prefetchMaterial(routerWith(load), 'd');
    expect(load).toHaveBeenCalledTimes(1);
    expect(readTeaser).toHaveBeenCalledWith('d');
  });
});
