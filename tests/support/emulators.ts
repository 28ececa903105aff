// Helpers for tests that run against the emulators started by `npm test` (firebase emulators:exec).
import { readFileSync } from 'node:fs';
import { initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';

export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? 'demo-commons';
const AUTH = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099'}`;
const FIRESTORE = process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080';
export const FUNCTIONS = `http://127.0.0.1:5001/${PROJECT_ID}/us-central1`;

export function adminSdk() {
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT_ID });
  return { db: getFirestore(app), auth: getAuth(app) };
}

export async function rulesEnv(): Promise<RulesTestEnvironment> {
  const [host, port] = FIRESTORE.split(':');
  return initializeTestEnvironment({
    projectId: PROJECT_ID,
    firestore: { host: host ?? '127.0.0.1', port: Number(port), rules: readFileSync('firestore.rules', 'utf8') },
  });
}

export async function clearAuth(): Promise<void> {
  await fetch(`${AUTH}/emulator/v1/projects/${PROJECT_ID}/accounts`, { method: 'DELETE' });
}

export async function clearFirestore(): Promise<void> {
  await fetch(`http://${FIRESTORE}/emulator/v1/projects/${PROJECT_ID}/databases/(default)/documents`, {
    method: 'DELETE',
  });
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

export function tokenClaims(idToken: string): Record<string, unknown> {
  const payload = idToken.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export interface CallResult<T> {
  status: number;
  result?: T;
  error?: { status: string; message: string };
}

/** Call an onCall function over HTTP with the callable protocol ({data} in, {result}|{error} out). */
export async function callFunction<T = unknown>(name: string, data: unknown, idToken?: string): Promise<CallResult<T>> {
  const res = await fetch(`${FUNCTIONS}/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(idToken ? { authorization: `Bearer ${idToken}` } : {}) },
    body: JSON.stringify({ data }),
  });
  const json = (await res.json()) as { result?: T; error?: { status: string; message: string } };
  return { status: res.status, ...json };
}
