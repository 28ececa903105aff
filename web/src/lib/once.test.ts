import { describe, expect, it, vi } from 'vitest';
import { once } from './once';

describe('once', () => {
  it('loads on the first call and shares the result with every later one', async () => {
    const load = vi.fn(async () => ({ sdk: 'loaded' }));
    const get = once(load);
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again after a failure (a chunk fetched while offline), then keeps the success', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue('loaded');
    const get = once(load);
    await expect(get()).rejects.toThrow('Failed to fetch');
    expect(await get()).toBe('loaded');
    expect(await get()).toBe('loaded');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
