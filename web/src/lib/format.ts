import type { TierPrice } from '@shared/tiers';

/** Decimal places of a currency's main unit (2 for EUR, 0 for JPY). */
const currencyDigits = (currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** A stored amount (smallest currency unit) in the main unit: 1900 EUR cents is 19. */
export const priceAmount = (price: TierPrice) => price.amount / 10 ** currencyDigits(price.currency.toUpperCase());

/** Stored amounts are in the smallest currency unit (cents). */
export function formatPrice(price: TierPrice | undefined, locale = 'en-GB'): string {
  if (!price) return '';
  const currency = price.currency.toUpperCase();
  const digits = currencyDigits(currency);
  const whole = price.amount % 10 ** digits === 0;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : digits,
  }).format(priceAmount(price));
}

/** "31 Jan 2027". Accepts Firestore Timestamps, Dates and ISO strings. */
export function formatDate(value: { toDate(): Date } | Date | string | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value instanceof Date ? value : value.toDate();
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** "31 Jan 2027, 09:30" in the reader's time zone. Accepts Firestore Timestamps, Dates and ISO strings. */
export function formatDateTime(value: { toDate(): Date } | Date | string | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value instanceof Date ? value : value.toDate();
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
