import type { TierPrice } from '@shared/tiers';

// Intl formatters are costly to build (locale data lookup) and lists format many values: each one is built
// once per locale and options and kept.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The `Intl.NumberFormat` for these locale and options, built on first use. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** The `Intl.DateTimeFormat` for these locale and options, built on first use. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** Decimal places of a currency's main unit (2 for EUR, 0 for JPY). */
const currencyDigits = (currency: string) =>
  numberFormat('en-GB', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** A stored amount (smallest currency unit) in the main unit: 1900 EUR cents is 19. */
export const priceAmount = (price: TierPrice) => price.amount / 10 ** currencyDigits(price.currency.toUpperCase());

/** Stored amounts are in the smallest currency unit (cents). */
export function formatPrice(price: TierPrice | undefined, locale = 'en-GB'): string {
  if (!price) return '';
  const currency = price.currency.toUpperCase();
  const digits = currencyDigits(currency);
  const whole = price.amount % 10 ** digits === 0;
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : digits }).format(
    priceAmount(price),
  );
}

type DateLike = { toDate(): Date } | Date | string | null | undefined;

function toDate(value: DateLike): Date | null {
  if (!value) return null;
  const date = typeof value === 'string' ? new Date(value) : value instanceof Date ? value : value.toDate();
  return Number.isNaN(date.getTime()) ? null : date;
}

// en-GB's short month names as Intl writes them ("Sept" too). Public pages build their dates from them because the
// first Intl.DateTimeFormat of a page costs 100 ms and more on a phone (ICU starting), and it came in the middle of
// hydrating (a material's date line, the calendar's times) for formats this plain.
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/** "31 Jan 2027", in the reader's time zone. Accepts Firestore Timestamps, Dates and ISO strings. */
export function formatDate(value: DateLike): string {
  const date = toDate(value);
  return date ? `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}` : '';
}

/** "31 Jan 2027", the UTC day of `ms`: the server and every browser write the same day (hydration). */
export function formatUtcDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "31 Jan 2027, 09:30" in the reader's time zone. Accepts Firestore Timestamps, Dates and ISO strings. */
export function formatDateTime(value: DateLike): string {
  const date = toDate(value);
  return date ? dateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date) : '';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
