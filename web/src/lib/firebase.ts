// The one module that owns the Firebase SDK setup and the emulator wiring.
//
// A visitor's first page (the public catalog) arrives rendered with its data and loads no Firebase SDK at
// all: the app and Firestore lite (REST, no listeners) load on the first read (`firestoreLite`), such as
// "Load more" or a filter. Auth loads at once when this browser holds a session (see hasStoredSession) or
// when someone starts signing in; the full Firestore SDK loads for live listeners; Functions (with App
// Check) loads where a callable is used.
import type { Firestore as LiteFirestore } from 'firebase/firestore/lite';
import type { Firestore as LiveFirestore } from 'firebase/firestore';
import type { Functions } from 'firebase/functions';
import type { CallableName, CallableRequest, CallableResponse } from '@shared/callables';
import { once } from './once';

const env = import.meta.env;
export const projectId = env.VITE_FIREBASE_PROJECT_ID || 'demo-commons';
export const useEmulators = env.VITE_USE_EMULATORS !== 'false';
export const emulatorHost = env.VITE_EMULATOR_HOST || '127.0.0.1';
export const REGION = 'us-central1';
const EMULATOR_PORTS = { auth: 9099, firestore: 8080, functions: 5001 } as const;

/** The Firebase app, initialized once, on the first use of any SDK. */
const loadApp = once(() =>
  import('firebase/app').then(({ initializeApp }) =>
    initializeApp({
      apiKey: env.VITE_FIREBASE_API_KEY || 'demo-key',
      authDomain: env.VITE_FIREBASE_AUTH_DOMAIN || 'demo-commons.firebaseapp.com',
      projectId,
      appId: env.VITE_FIREBASE_APP_ID || 'demo-app',
    }),
  ),
);

// ---- Firestore lite, on demand (catalog, tiers, teasers and other one-shot reads) --------------------

export type LiteSdk = typeof import('firebase/firestore/lite');

/**
 * Firestore lite and the app's instance, loaded once. Read modules take the SDK's functions from here too
 * (`const [sdk, db] = await firestoreLite()`, like `fullFirestore()`), never from a static import, so that no module on the first
 * route pulls the SDK into its chunk.
 */
export const firestoreLite = once((): Promise<[LiteSdk, LiteFirestore]> =>
  Promise.all([import('firebase/firestore/lite'), loadApp()]).then(([sdk, app]) => {
    const db = sdk.getFirestore(app);
    if (useEmulators) sdk.connectFirestoreEmulator(db, emulatorHost, EMULATOR_PORTS.firestore);
    return [sdk, db];
  }),
);

// ---- Auth, on demand -------------------------------------------------------------------------------

export type AuthSdk = typeof import('./firebase-auth') & { auth: import('firebase/auth').Auth };

/** The Auth SDK and the app's Auth instance (slim `initializeAuth`, no popup resolver), loaded once. */
export const loadAuth = once((): Promise<AuthSdk> =>
  Promise.all([import('./firebase-auth'), loadApp()]).then(([sdk, app]) => {
    const auth = sdk.initializeAuth(app, { persistence: [sdk.indexedDBLocalPersistence, sdk.browserLocalPersistence] });
    if (useEmulators)
      sdk.connectAuthEmulator(auth, `http://${emulatorHost}:${EMULATOR_PORTS.auth}`, { disableWarnings: true });
    return { ...sdk, auth };
  }),
);

/** `signInWithPopup` and `browserPopupRedirectResolver`, for "Continue with Google" only. */
export function loadPopupSignIn() {
  return import('./firebase-auth-popup');
}

/**
 * Set while a user is signed in in this browser (the session store keeps it in step with Auth), so a
 * visitor's page knows it is signed out without downloading Auth. Firebase's own localStorage key
 * covers the browserLocalPersistence fallback. When storage is unreadable, Auth loads and decides.
 */
export const SESSION_MARKER = 'commons.signedIn';
export function hasStoredSession(): boolean {
  try {
    return (
      localStorage.getItem(SESSION_MARKER) === '1' ||
      Object.keys(localStorage).some((k) => k.startsWith('firebase:authUser:'))
    );
  } catch {
    return true;
  }
}
/** Our own marker only: the app had a member signed in here and nobody signed out since. */
export function hasSessionMarker(): boolean {
  try {
    return localStorage.getItem(SESSION_MARKER) === '1';
  } catch {
    return false;
  }
}
export function markStoredSession(signedIn: boolean) {
  try {
    if (signedIn) localStorage.setItem(SESSION_MARKER, '1');
    else localStorage.removeItem(SESSION_MARKER);
  } catch {
    // storage blocked: hasStoredSession() then always loads Auth
  }
}

// ---- Full Firestore, on demand (live listeners, writes from signed-in pages) --------------------------

export const liveFirestore = once((): Promise<LiveFirestore> =>
  Promise.all([import('firebase/firestore'), loadApp()]).then(([{ getFirestore, connectFirestoreEmulator }, app]) => {
    const live = getFirestore(app);
    if (useEmulators) connectFirestoreEmulator(live, emulatorHost, EMULATOR_PORTS.firestore);
    return live;
  }),
);

// ---- Functions, on demand -------------------------------------------------------------------------

/** Functions, with App Check started first (firebase-app-check.ts), so the first call already carries a token. */
export const loadFunctions = once((): Promise<{ sdk: typeof import('firebase/functions'); instance: Functions }> =>
  Promise.all([import('firebase/functions'), import('./firebase-app-check'), loadApp()]).then(
    ([sdk, appCheck, app]) => {
      appCheck.startAppCheck(app, {
        siteKey: env.VITE_APPCHECK_SITE_KEY,
        useEmulators,
        debugToken: env.VITE_APPCHECK_DEBUG_TOKEN,
      });
      const instance = sdk.getFunctions(app, REGION);
      if (useEmulators) sdk.connectFunctionsEmulator(instance, emulatorHost, EMULATOR_PORTS.functions);
      return { sdk, instance };
    },
  ),
);

/**
 * Calls an onCall function, typed by the shared map of callables: a wrong payload or an unknown name
 * does not compile. Errors arrive as FirebaseError (`functions/invalid-argument`, …) with a readable message.
 */
export async function callFunction<K extends CallableName>(
  name: K,
  data: CallableRequest<K>,
): Promise<CallableResponse<K>> {
  const { sdk, instance } = await loadFunctions();
  const result = await sdk.httpsCallable<CallableRequest<K>, CallableResponse<K>>(instance, name)(data);
  return result.data;
}

/** URL of an HTTP function such as `uploadMedia`, on the emulator or in production. */
export function functionUrl(name: string, params: Record<string, string> = {}): string {
  const base = useEmulators
    ? `http://${emulatorHost}:${EMULATOR_PORTS.functions}/${projectId}/${REGION}/${name}`
    : `https://${REGION}-${projectId}.cloudfunctions.net/${name}`;
  const query = new URLSearchParams(params).toString();
  return query ? `${base}?${query}` : base;
}

/** A readable message for any error: lib/error-messages.ts, the one mapping (no SDK text reaches a page). */
export { errorMessage, isNetworkError } from './error-messages';

/** A read the rules refused: for gated content that means "locked", never an error to show. */
export function isPermissionDenied(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === 'permission-denied' || code === 'firestore/permission-denied';
}
