// The Pinia state a page was rendered from, carried in `<script type="application/json">` (a data block,
// allowed by the CSP) and read with JSON.parse. Firestore Timestamps survive the trip.
import { Timestamp } from 'firebase/firestore/lite';
import { inlineJson } from '@shared/public-pages';

/** The `type` that `Timestamp.toJSON()` writes. */
const TIMESTAMP = Timestamp.fromMillis(0).toJSON().type;

export const serializeState = (state: unknown): string => inlineJson(state);

export function reviveState(text: string): Record<string, Record<string, unknown>> {
  return JSON.parse(text, (_key, value: unknown) => {
    const t = value as { type?: unknown; seconds?: unknown; nanoseconds?: unknown } | null;
    return t?.type === TIMESTAMP && typeof t.seconds === 'number' && typeof t.nanoseconds === 'number'
      ? new Timestamp(t.seconds, t.nanoseconds)
      : value;
  }) as Record<string, Record<string, unknown>>;
}
