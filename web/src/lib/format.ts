import type { TierPrice } from '@shared/tiers';

export function formatPrice(price: TierPrice | undefined): string {
  if (!price) return '';
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: price.currency.toUpperCase() }).format(price.amount / 100);
}

export function formatDate(value: { toDate(): Date } | Date | null | undefined): string {
  if (!value) return '';
  const date = value instanceof Date ? value : value.toDate();
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}
