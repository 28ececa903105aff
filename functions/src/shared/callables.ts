import type { BillingRedirect, CheckoutRequest } from './billing';
import type { CommunityState } from './community';
import type { ChannelState } from './announcements';
import type { NewsletterInput, NewsletterStatus } from './newsletters';

/**
 * Every callable function by name, with what it takes and what it answers: the web's `callFunction`
 * and the functions' `callable()` wrapper are both typed by this map, so a wrong payload or a renamed
 * callable fails to compile on either side. Request types are the *input* of each entry point's zod
 * schema (defaults may be omitted); the schemas themselves live beside their area in shared/.
 */
export interface Callables {
  grantComplimentary: {
    request: { uid?: string; email?: string; tier: string; endsAt?: string | null; note?: string };
    response: { uid: string; tier: string; endsAt: string | null };
  };
  revokeComplimentary: { request: { uid: string }; response: { uid: string; tier: string } };
  getMediaUrl: { request: { materialId: string; path: string }; response: { url: string; expiresAt: string } };
  createCheckoutSession: { request: CheckoutRequest; response: BillingRedirect };
  createPortalSession: { request: Record<string, never>; response: BillingRedirect };
  saveNewsletter: {
    request: {
      id?: string;
      newsletter: Partial<NewsletterInput> & Pick<NewsletterInput, 'subject' | 'sections' | 'audience'>;
    };
    response: { id: string };
  };
  sendNewsletter: {
    request: { id: string; at?: string | null };
    response: { id: string; status: Extract<NewsletterStatus, 'scheduled' | 'sending'>; scheduledAt: string | null };
  };
  sendNewsletterTest: { request: { id: string }; response: { to: string } };
  cancelNewsletter: { request: { id: string }; response: { id: string } };
  announce: { request: { materialId: string }; response: { id: string } };
  retryAnnouncement: {
    request: { id: string };
    response: { id: string; channels: Record<string, ChannelState> | { retrying: 'pending' } };
  };
  completeCommunitySeat: { request: { uid: string }; response: { uid: string; state: CommunityState } };
  subscribeVisitor: { request: { email: string }; response: { message: string } };
  /** `verified`: the address is verified by now (no mail); `sent`: another verification mail is queued. */
  resendVerification: { request: Record<string, never>; response: { verified: boolean; sent: boolean } };
}

export type CallableName = keyof Callables;
export type CallableRequest<K extends CallableName> = Callables[K]['request'];
export type CallableResponse<K extends CallableName> = Callables[K]['response'];
