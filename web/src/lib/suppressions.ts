// Admin → Newsletters, "Suppressed addresses": one row per `suppressions/{id}` entry that is suppressed
// (written by the bounce webhook), read defensively so an entry from an older version still shows.
import type { SuppressionReason } from '@shared/suppressions';

type Time = { toDate(): Date };

export interface SuppressionRow {
  id: string;
  email: string;
  reason: SuppressionReason | 'unknown';
  /** What the provider said last, e.g. "HardBounce: The server was unable to deliver …". */
  detail: string;
  suppressedAt: Time | null;
}

const REASONS: Record<SuppressionReason, string> = {
  'hard-bounce': 'Hard bounce',
  complaint: 'Spam complaint',
  'soft-bounces': 'Repeated soft bounces',
};

export const reasonLabel = (reason: SuppressionRow['reason']): string =>
  reason === 'unknown' ? 'Unknown' : REASONS[reason];

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const time = (v: unknown) => ((v as Time | undefined)?.toDate ? (v as Time) : null);

export function suppressionRow(id: string, data: Record<string, unknown>): SuppressionRow {
  const reason = str(data.reason);
  const last = (data.lastEvent && typeof data.lastEvent === 'object' ? data.lastEvent : {}) as Record<string, unknown>;
  const detail = [str(last.type), str(last.description)].filter(Boolean).join(': ');
  return {
    id,
    email: str(data.email) || id,
    reason: Object.hasOwn(REASONS, reason) ? (reason as SuppressionReason) : 'unknown',
    detail,
    suppressedAt: time(data.suppressedAt),
  };
}
