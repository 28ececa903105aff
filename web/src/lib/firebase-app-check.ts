// App Check, loaded with the Functions SDK (firebase.ts loadFunctions), so only pages that call a
// callable (the signup box when someone uses it, the signed-in pages) pay for it, never the catalog's
// first route. Callables that opt in (`subscribeVisitor`) refuse calls without a valid token in
// production (ENFORCE_APP_CHECK).
import type { FirebaseApp } from 'firebase/app';
import { CustomProvider, initializeAppCheck, ReCaptchaEnterpriseProvider } from 'firebase/app-check';

export interface AppCheckSetup {
  /** The reCAPTCHA Enterprise site key (VITE_APPCHECK_SITE_KEY); production only. */
  siteKey: string | undefined;
  /** Running against the emulators: the debug provider instead of reCAPTCHA. */
  useEmulators: boolean;
  /** A debug token registered in the console (VITE_APPCHECK_DEBUG_TOKEN); without one the SDK makes one and logs it. */
  debugToken: string | undefined;
}

declare global {
  // The App Check SDK's debug switch, read once when App Check starts.
  var FIREBASE_APPCHECK_DEBUG_TOKEN: string | boolean | undefined;
}

/** Starts App Check for `app`, or does nothing (a production build without a site key). */
export function startAppCheck(app: FirebaseApp, setup: AppCheckSetup): void {
  if (setup.useEmulators) {
    // Only against the emulators: a debug token stands in for reCAPTCHA. Its provider is never asked for a
    // token in debug mode; a reCAPTCHA one would load Google's script for nothing.
    self.FIREBASE_APPCHECK_DEBUG_TOKEN = setup.debugToken || true;
    const unused = new CustomProvider({ getToken: () => Promise.reject(new Error('App Check debug mode')) });
    initializeAppCheck(app, { provider: unused, isTokenAutoRefreshEnabled: false });
    return;
  }
  if (!setup.siteKey) return;
  initializeAppCheck(app, {
    provider: new ReCaptchaEnterpriseProvider(setup.siteKey),
    isTokenAutoRefreshEnabled: true,
  });
}
