// The Pinia state a page was rendered from, carried in `<script type="application/json">` (a data block,
// allowed by the CSP) and read with JSON.parse. Times survive the trip as `StoredTime`s (lib/stored-time.ts),
// so hydrating needs no Firebase SDK.
import { inlineJson } from '@shared/public-pages';
import { StoredTime, TIMESTAMP_JSON_TYPE } from '@/lib/stored-time';

export const serializeState = (state: unknown): string => inlineJson(state);

export function reviveState(text: string): Record<string, Record<string, unknown>> {
  return JSON.parse(text, (_key, value: unknown) => {
    const t = value as { type?: unknown; seconds?: unknown; nanoseconds?: unknown } | null;
    return t?.type === TIMESTAMP_JSON_TYPE && typeof t.seconds === 'number' && typeof t.nanoseconds === 'number'
      ? new StoredTime(t.seconds, t.nanoseconds)
      : value;
  }) as Record<string, Record<string, unknown>>;
}
