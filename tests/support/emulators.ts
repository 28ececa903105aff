// Helpers for tests that run against the emulators started by `npm test` (firebase emulators:exec).
import { readFileSync } from 'node:fs';
import { initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore, type Firestore, type Timestamp } from 'firebase-admin/firestore';
import type { MemberBillingFields } from '../../functions/src/shared/billing';
import type { CallableName, CallableResponse } from '../../functions/src/shared/callables';
import type { MemberDoc } from '../../functions/src/shared/members';

export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? 'demo-commons';
const AUTH = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099'}`;
const FIRESTORE = process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080';
export const FUNCTIONS = `http://127.0.0.1:5001/${PROJECT_ID}/us-central1`;

export function adminSdk() {
  // The default app by name: isolatedFirestore() adds apps of other projects beside it.
  const app = getApps().find((a) => a.name === '[DEFAULT]') ?? initializeApp({ projectId: PROJECT_ID });
  return { db: getFirestore(app), auth: getAuth(app) };
}

export async function rulesEnv(): Promise<RulesTestEnvironment> {
  const [host, port] = FIRESTORE.split(':');
  return initializeTestEnvironment({
    // A project of its own: the emulated functions trigger only for PROJECT_ID, so no trigger (a material's
    // body rendering, its search index) writes into what a rules suite seeds and checks.
    projectId: `${PROJECT_ID}-rules`,
    firestore: { host: host ?? '127.0.0.1', port: Number(port), rules: readFileSync('firestore.rules', 'utf8') },
  });
}

async function emulatorDelete(url: string): Promise<void> {
  const res = await fetch(url, { method: 'DELETE' });
  if (!res.ok) throw new Error(`DELETE ${url}: ${res.status}`);
}

const clearAuth = () => emulatorDelete(`${AUTH}/emulator/v1/projects/${PROJECT_ID}/accounts`);

const clearFirestore = (projectId = PROJECT_ID) =>
  emulatorDelete(`http://${FIRESTORE}/emulator/v1/projects/${projectId}/databases/(default)/documents`);

/** No accounts, no documents: where every integration suite starts. */
export async function clearEmulators(): Promise<void> {
  await clearAuth();
  await clearFirestore();
}

/**
 * An empty Firestore of a project of its own, for a suite that runs workers in-process: the emulated
 * functions only trigger for PROJECT_ID, so nothing but the test's own code acts on it.
 */
export async function isolatedFirestore(projectId: string): Promise<Firestore> {
  const app = getApps().find((a) => a.name === projectId) ?? initializeApp({ projectId }, projectId);
  await clearFirestore(projectId);
  return getFirestore(app);
}

export type StoredMember = MemberDoc<Timestamp> & MemberBillingFields<Timestamp>;

/** `members/{uid}` as stored now. */
export async function readMember(uid: string): Promise<StoredMember> {
  return (await adminSdk().db.doc(`members/${uid}`).get()).data() as StoredMember;
}

/** Wait until `check` holds of what `read` returns (triggers and webhooks act asynchronously). */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let last = await read();
  while (!check(last) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}

export interface SignedIn {
  uid: string;
  idToken: string;
  email: string;
}

async function identityToolkit(path: string, body: object): Promise<SignedIn> {
  const res = await fetch(`${AUTH}/identitytoolkit.googleapis.com/v1/${path}?key=demo-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, returnSecureToken: true }),
  });
  const json = (await res.json()) as { localId: string; idToken: string; email: string; error?: { message: string } };
  if (!res.ok) throw new Error(`${path}: ${json.error?.message ?? res.status}`);
  return { uid: json.localId, idToken: json.idToken, email: json.email };
}

/** Sign up through the Auth emulator's REST API, as the web SDK does: the blocking function runs. */
export const signUp = (email: string, password = 'demo-password') =>
  identityToolkit('accounts:signUp', { email, password });

export const signIn = (email: string, password = 'demo-password') =>
  identityToolkit('accounts:signInWithPassword', { email, password });

/**
 * Signs in with a token the rules accept: after a downgrade (`tokensValidAfter`) a token minted in the
 * same second still counts as old, so this waits for the next second when needed.
 */
export async function signInCurrent(email: string, password = 'demo-password'): Promise<SignedIn> {
  const first = await signIn(email, password);
  const stamp = (await readMember(first.uid)).tokensValidAfter;
  if (stamp === undefined || Number(tokenClaims(first.idToken).iat) > stamp) return first;
  await new Promise((r) => setTimeout(r, (stamp + 1) * 1000 - Date.now() + 50));
  return signIn(email, password);
}

export function tokenClaims(idToken: string): Record<string, unknown> {
  const payload = idToken.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export interface CallResult<T> {
  status: number;
  result?: T;
  error?: { status: string; message: string };
}

/**
 * Call an onCall function over HTTP with the callable protocol ({data} in, {result}|{error} out). The
 * answer is typed by the shared callable map; `data` is not, since tests also send what must be refused.
 */
export async function callFunction<K extends CallableName>(
  name: K,
  data: unknown,
  idToken?: string,
): Promise<CallResult<CallableResponse<K>>> {
  const res = await fetch(`${FUNCTIONS}/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(idToken ? { authorization: `Bearer ${idToken}` } : {}) },
    body: JSON.stringify({ data }),
  });
  const json = (await res.json()) as { result?: CallableResponse<K>; error?: { status: string; message: string } };
  return { status: res.status, ...json };
}
