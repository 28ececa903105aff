import { beforeEach, describe, expect, it, vi } from 'vitest';
import { markdownHash } from '@shared/body-html';
import type { MaterialBody } from '@shared/materials';

// The stored body as the one-shot read (Firestore lite) returns it, and the live listener's updates.
let stored: MaterialBody;
const liveNext: Array<(body: MaterialBody | null) => void> = [];
const stopLive = vi.fn();
const lite = {
  doc: () => ({}),
  getDoc: async () => ({ data: () => stored }),
  getDocs: async () => ({ docs: [] }),
};
vi.mock('@/lib/firebase', () => ({ firestoreLite: async () => [lite, {}], callFunction: vi.fn() }));
vi.mock('@/composables/live-sources', () => ({
  liveDoc: () => (next: (body: MaterialBody | null) => void) => {
    liveNext.push(next);
    return stopLive;
  },
}));
const { bodySource } = await import('./catalog');

const body = (markdown: string, html?: string, htmlOf?: string): MaterialBody => ({
  access: 'public',
  rank: 0,
  status: 'published',
  markdown,
  files: [],
  ...(html === undefined ? {} : { html, htmlOf }),
});

async function follow(): Promise<{ seen: MaterialBody[]; stop: unknown }> {
  const seen: MaterialBody[] = [];
  const stop = await bodySource('m')(
    (b) => seen.push(b!),
    (err) => {
      throw err;
    },
  );
  return { seen, stop };
}

describe('bodySource', () => {
  beforeEach(() => {
    liveNext.length = 0;
    stopLive.mockClear();
  });

  it('reads a body with fresh HTML once and listens to nothing', async () => {
    stored = body('# A', '<h1>A</h1>', markdownHash('# A'));
    const { seen, stop } = await follow();
    expect(seen).toEqual([stored]);
    expect(liveNext).toHaveLength(0);
    expect(stop).toBeUndefined();
  });

  it('shows stale HTML at once, then follows the body until functions store the new HTML', async () => {
    stored = body('# B', '<h1>A</h1>', markdownHash('# A'));
    const { seen, stop } = await follow();
    expect(seen).toEqual([stored]);
    expect(liveNext).toHaveLength(1);
    const rendered = body('# B', '<h1>B</h1>', markdownHash('# B'));
    liveNext[0]!(rendered);
    expect(seen.at(-1)).toEqual(rendered);
    expect(stop).toBe(stopLive); // disposed with the page
  });
});
