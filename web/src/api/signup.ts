import { callFunction } from '@/lib/firebase';

/**
 * Emails a visitor a link to confirm their newsletter subscription; no sign-in needed. With `materialId` (a
 * free material's page) the mail is a sign-in link that lands on the material, and links its files.
 */
export const subscribeVisitor = (email: string, materialId?: string) =>
  callFunction('subscribeVisitor', materialId ? { email, materialId } : { email });
