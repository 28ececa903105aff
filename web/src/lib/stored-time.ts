// A Firestore Timestamp's value without the SDK: what a page rendered on the server carries for its times.
// The first route loads no Firebase SDK (lib/firebase.ts), so the server writes its times as `StoredTime`s
// and the browser revives them as `StoredTime`s too (ssr/state.ts). They serialize exactly as the SDK's
// Timestamp does, offer the methods views use (`toDate`, `toMillis`), and become SDK Timestamps where a
// query needs one (a cursor: `sdkTime`).
import type { LiteSdk } from './firebase';

/** What `Timestamp.toJSON()` writes as `type` (checked against the SDK in stored-time.test.ts). */
export const TIMESTAMP_JSON_TYPE = 'firestore/timestamp/1.0';

export class StoredTime {
  constructor(
    readonly seconds: number,
    readonly nanoseconds: number,
  ) {}

  static fromMillis(ms: number): StoredTime {
    const seconds = Math.floor(ms / 1000);
    return new StoredTime(seconds, Math.round((ms - seconds * 1000) * 1e6));
  }

  toMillis(): number {
    return this.seconds * 1000 + this.nanoseconds / 1e6;
  }

  toDate(): Date {
    return new Date(this.toMillis());
  }

  isEqual(other: { seconds: number; nanoseconds: number }): boolean {
    return other.seconds === this.seconds && other.nanoseconds === this.nanoseconds;
  }

  toJSON() {
    return { type: TIMESTAMP_JSON_TYPE, seconds: this.seconds, nanoseconds: this.nanoseconds };
  }
}

/** A stored or SDK time as the SDK's Timestamp, for a query's cursor; anything else as it is. */
export function sdkTime(sdk: LiteSdk, value: unknown): unknown {
  return value instanceof StoredTime ? new sdk.Timestamp(value.seconds, value.nanoseconds) : value;
}
