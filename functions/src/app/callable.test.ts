import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { callable } from './callable';

// The wrapper's compile-time contract: a schema must accept exactly what shared/callables.ts says the
// web sends. These lines only compile while that check works.
describe('callable()', () => {
  it('accepts a schema whose input is the contract request', () => {
    const fn = callable(
      'revokeComplimentary',
      { schema: z.object({ uid: z.string() }).strict(), caller: 'admin' },
      async ({ uid }) => ({ uid, tier: 'x' }),
    );
    expect(typeof fn).toBe('function');
  });

  it('refuses, at compile time, a schema that disagrees with the contract', () => {
    callable(
      'revokeComplimentary',
      // @ts-expect-error the contract sends { uid }, this schema wants an email
      { schema: z.object({ email: z.string() }).strict(), caller: 'admin' },
      async () => ({ uid: 'u', tier: 'x' }),
    );
    callable(
      'revokeComplimentary',
      // @ts-expect-error a schema that needs more than the contract sends (a note) is refused too
      { schema: z.object({ uid: z.string(), note: z.string() }).strict(), caller: 'admin' },
      async () => ({ uid: 'u', tier: 'x' }),
    );
    callable(
      'revokeComplimentary',
      { schema: z.object({ uid: z.string() }).strict(), caller: 'admin' },
      // @ts-expect-error the response must match the contract too
      async () => ({ uid: 'u' }),
    );
  });
});
