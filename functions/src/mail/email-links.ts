// Links in emails live on the app's own domain: Hosting rewrites these paths to the functions
// (firebase.json `rewrites`; Vite's dev server proxies them under `npm start`), so a recipient, their
// mail provider and List-Unsubscribe see one domain, the one the mail is sent for, not cloudfunctions.net.

/** Path on the app's domain -> the HTTP function it reaches. */
export const EMAIL_LINK_PATHS = {
  unsubscribe: '/email/unsubscribe',
  confirmSubscription: '/email/confirm',
} as const;

/** `https://app.example/email/unsubscribe?u=...&t=...`. */
export function emailLink(appUrl: string, fn: keyof typeof EMAIL_LINK_PATHS, params: Record<string, string>): string {
  return `${appUrl}${EMAIL_LINK_PATHS[fn]}?${new URLSearchParams(params).toString()}`;
}
