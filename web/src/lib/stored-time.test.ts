import { describe, expect, it } from 'vitest';
import * as sdk from 'firebase/firestore/lite';
import { sdkTime, StoredTime, TIMESTAMP_JSON_TYPE } from './stored-time';

describe('StoredTime', () => {
  it('serializes exactly as the SDK Timestamp does', () => {
    const ms = 1_764_000_000_123;
    expect(JSON.stringify(StoredTime.fromMillis(ms))).toBe(JSON.stringify(sdk.Timestamp.fromMillis(ms)));
    expect(sdk.Timestamp.fromMillis(0).toJSON().type).toBe(TIMESTAMP_JSON_TYPE);
  });

  it('answers the same times as the SDK Timestamp', () => {
    for (const ms of [0, 1, 999, 1_764_000_000_123, -1_500]) {
      const stored = StoredTime.fromMillis(ms);
      const real = sdk.Timestamp.fromMillis(ms);
      expect([stored.seconds, stored.nanoseconds, stored.toMillis()]).toEqual([
        real.seconds,
        real.nanoseconds,
        real.toMillis(),
      ]);
      expect(stored.toDate().getTime()).toBe(ms);
    }
  });

  it('becomes an SDK Timestamp for a cursor, and leaves other values alone', () => {
    const time = sdkTime(sdk, new StoredTime(12, 345)) as sdk.Timestamp;
    expect(time).toBeInstanceOf(sdk.Timestamp);
    expect([time.seconds, time.nanoseconds]).toEqual([12, 345]);
    expect(sdkTime(sdk, 'abc')).toBe('abc');
  });
});
