// Type-level checks of `callFunction` (vue-tsc compiles this file; the test never calls a function).
import { describe, expect, it } from 'vitest';
import type { callFunction } from './firebase';

type Call = typeof callFunction;

describe('callFunction types', () => {
  it('accepts the payload its callable takes and types the answer', () => {
    const typed = (call: Call) => {
      const answer: Promise<{ to: string }> = call('sendNewsletterTest', { id: 'n1' });
      // @ts-expect-error a payload of the wrong shape does not compile
      void call('completeCommunitySeat', { id: 'u1' });
      // @ts-expect-error a field of the wrong type does not compile
      void call('announce', { materialId: 42 });
      // @ts-expect-error an unknown callable does not compile
      void call('deleteEverything', {});
      return answer;
    };
    expect(typeof typed).toBe('function');
  });
});
