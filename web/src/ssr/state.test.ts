import { Timestamp } from 'firebase/firestore/lite';
import { describe, expect, it } from 'vitest';
import { StoredTime } from '@/lib/stored-time';
import { reviveState, serializeState } from './state';

describe('page state', () => {
  it('round-trips Firestore Timestamps (as stored times) and plain data', () => {
    const state = { catalog: { at: Timestamp.fromMillis(1_700_000_123_456), title: 'a </script> b', n: null } };
    const back = reviveState(serializeState(state));
    expect(back.catalog!.at).toBeInstanceOf(StoredTime);
    expect((back.catalog!.at as StoredTime).toMillis()).toBe(1_700_000_123_456);
    expect(reviveState(serializeState({ s: { at: back.catalog!.at } })).s!.at).toEqual(back.catalog!.at);
    expect(back.catalog).toMatchObject({ title: 'a </script> b', n: null });
  });

  it('escapes < for the inline script element', () => {
    expect(serializeState({ t: '</script>' })).not.toContain('<');
  });

  it('leaves look-alike objects that are not timestamps alone', () => {
    expect(reviveState('{"s":{"x":{"type":"other","seconds":1,"nanoseconds":0}}}').s!.x).toEqual({
      type: 'other',
      seconds: 1,
      nanoseconds: 0,
    });
  });
});
