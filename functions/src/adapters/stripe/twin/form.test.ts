import { describe, expect, it } from 'vitest';
import { int, parseForm } from './form';
import { TwinError } from './twin-state';

describe('parseForm (Stripe bracket notation)', () => {
  it('nests objects, turns 0..n-1 keys and [] into arrays, and keeps values as strings', () => {
    const form = parseForm(
      'line_items[0][price]=price_1&line_items[0][quantity]=1&expand[]=a.b&expand[]=c&metadata[uid]=u1&limit=3',
    );
    expect(form).toEqual({
      line_items: [{ price: 'price_1', quantity: '1' }],
      expand: ['a.b', 'c'],
      metadata: { uid: 'u1' },
      limit: '3',
    });
  });

  it('drops keys that would reach the prototype', () => {
    const form = parseForm('__proto__[admin]=1&metadata[constructor][x]=1&a[prototype]=1&ok=1');
    expect(form).toEqual({ ok: '1' });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('reads integers and refuses anything else with a Stripe parameter error', () => {
    expect(int(parseForm('limit=-12'), 'limit')).toBe(-12);
    expect(int(parseForm(''), 'limit')).toBeUndefined();
    expect(() => int(parseForm('limit=1.5'), 'limit')).toThrow(TwinError);
  });
});
