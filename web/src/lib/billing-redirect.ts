// Sends the browser to Stripe Checkout or the Customer Portal through our callables (the functions
// decide which: a member who already pays always lands in the portal). Functions loads on first use.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import type { BillingInterval, BillingRedirect } from '@shared/billing';
import { billingErrorMessage, billingUrl } from './billing';
import { callFunction } from './firebase';

/**
 * `busy` names the action under way (say `checkout:main` or `portal`) so its button can show it;
 * `error` is a readable message. On success the page is left, so `busy` stays set (no second click)
 * until the page comes back from the back/forward cache.
 */
export function useBillingRedirect() {
  const busy = ref<string | null>(null);
  const error = ref('');

  const restored = (event: PageTransitionEvent) => {
    if (event.persisted) busy.value = null;
  };
  onMounted(() => window.addEventListener('pageshow', restored));
  onBeforeUnmount(() => window.removeEventListener('pageshow', restored));

  async function go(key: string, call: () => Promise<BillingRedirect>): Promise<boolean> {
    if (busy.value) return false;
    busy.value = key;
    error.value = '';
    try {
      const { url } = await call();
      window.location.assign(billingUrl(url));
      return true;
    } catch (err) {
      error.value = billingErrorMessage(err);
      busy.value = null;
      return false;
    }
  }

  /**
   * Stripe Checkout for `tier` (or the portal, when the member already pays); after paying, the account
   * page waits for the plan and goes on to `returnTo` (the item that led here), unlocked.
   */
  const checkout = (tier: string, interval: BillingInterval, returnTo?: string) =>
    go(`checkout:${tier}`, () =>
      callFunction('createCheckoutSession', returnTo ? { tier, interval, returnTo } : { tier, interval }),
    );

  /** The Stripe Customer Portal: change plan, cancel, card, invoices. */
  const portal = (key = 'portal') => go(key, () => callFunction('createPortalSession', {}));

  return { busy, error, checkout, portal };
}
