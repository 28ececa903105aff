import { callFunction } from '@/lib/firebase';

/** Emails a visitor a link to confirm their newsletter subscription; no sign-in needed. */
export const subscribeVisitor = (email: string) => callFunction('subscribeVisitor', { email });
