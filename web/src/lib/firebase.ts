// The one module that owns the Firebase SDK setup. The public catalog needs only Firestore lite (REST, no
// listeners); Auth loads when someone is or gets signed in, the full Firestore SDK for live listeners and
// Functions for callables, each on demand. That keeps a visitor's first page small.
import { initializeApp } from 'firebase/app';
import { connectFirestoreEmulator, getFirestore } from 'firebase/firestore/lite';

const env = import.meta.env;
export const projectId = env.VITE_FIREBASE_PROJECT_ID ?? 'demo-commons';
export const useEmulators = env.VITE_USE_EMULATORS !== 'false';
export const emulatorHost = env.VITE_EMULATOR_HOST ?? '127.0.0.1';
export const REGION = 'us-central1';

export const app = initializeApp({
  apiKey: env.VITE_FIREBASE_API_KEY ?? 'demo-key',
  authDomain: env.VITE_FIREBASE_AUTH_DOMAIN ?? `${projectId}.firebaseapp.com`,
  projectId,
  appId: env.VITE_FIREBASE_APP_ID ?? 'demo-app',
});

export const db = getFirestore(app);
if (useEmulators) connectFirestoreEmulator(db, emulatorHost, 8080);

let authSdk: Promise<typeof import('./auth')> | undefined;
/** Auth SDK and the app's Auth instance, loaded on first use. */
export function loadAuth() {
  authSdk ??= import('./auth');
  return authSdk;
}

/**
 * Whether this browser holds a signed-in session. Auth persists in localStorage under
 * `firebase:authUser:<apiKey>:<app>`, so a visitor's page can skip loading Auth altogether.
 */
export function hasStoredSession(): boolean {
  try {
    return Object.keys(localStorage).some((key) => key.startsWith('firebase:authUser:'));
  } catch {
    return true; // storage blocked: load Auth and let it decide
  }
}

let liveDb: Promise<import('firebase/firestore').Firestore> | undefined;
/** The full Firestore SDK, for live listeners (the member's own document). */
export function liveFirestore() {
  liveDb ??= import('firebase/firestore').then(({ getFirestore: get, connectFirestoreEmulator: connect }) => {
    const live = get(app);
    if (useEmulators) connect(live, emulatorHost, 8080);
    return live;
  });
  return liveDb;
}

let functionsSdk: Promise<typeof import('firebase/functions') & { instance: import('firebase/functions').Functions }> | undefined;
function loadFunctions() {
  functionsSdk ??= import('firebase/functions').then((sdk) => {
    const instance = sdk.getFunctions(app, REGION);
    if (useEmulators) sdk.connectFunctionsEmulator(instance, emulatorHost, 5001);
    return { ...sdk, instance };
  });
  return functionsSdk;
}

/** Call an onCall function; errors arrive as FirebaseError with a readable message. */
export async function callFunction<Req, Res>(name: string, data: Req): Promise<Res> {
  const sdk = await loadFunctions();
  const result = await sdk.httpsCallable<Req, Res>(sdk.instance, name)(data);
  return result.data;
}

/** URL of an HTTP function (uploads), on the emulator or in production. */
export function functionUrl(name: string): string {
  return useEmulators
    ? `http://${emulatorHost}:5001/${projectId}/${REGION}/${name}`
    : `https://${REGION}-${projectId}.cloudfunctions.net/${name}`;
}

/** A readable message from a Firebase or other error. */
export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message).replace(/^Firebase: /, '');
  return String(err);
}

export function isPermissionDenied(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'permission-denied';
}
