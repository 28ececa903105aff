// Test data written to the emulators, built on the pure factories in functions/src/testing/factories.ts.
// A suite about sign-up uses signUp (the blocking function runs); any other suite that needs a member
// at a tier uses createMember, and the seeded demo data only where it needs a whole community.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Firestore } from 'firebase-admin/firestore';
import { localMediaStorage } from '../../functions/src/adapters/storage/twin/local-storage';
import { DEMO_PASSWORD, ensureAccount, seed } from '../../functions/src/scripts/seed';
import { makeCourseDocs } from '../../functions/src/testing/course-factories';
import { makeEvent, makeMaterial } from '../../functions/src/testing/factories';
import { adminSdk, signIn, type SignedIn } from './emulators';

const PASSWORD = 'demo-password'; // signIn's default

/**
 * A signed-in member at `tier` (none: free), admin if asked: an Auth account with its claims and
 * `members/{uid}`, made as the seed makes its demo accounts. The uid is derived from the email.
 */
export async function createMember(
  email: string,
  { tier = null, admin = false }: { tier?: string | null; admin?: boolean } = {},
): Promise<SignedIn> {
  const { db, auth } = adminSdk();
  const uid = email.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const name = email.split('@')[0] ?? email;
  await ensureAccount({ db, auth, now: () => new Date() }, { uid, email, name, tier, admin }, PASSWORD);
  return signIn(email, PASSWORD);
}

/** Writes a material's teaser and gated body (see makeMaterial) and returns its id. */
export async function writeMaterial(db: Firestore, ...args: Parameters<typeof makeMaterial>): Promise<string> {
  const { id, teaser, body } = makeMaterial(...args);
  const batch = db.batch();
  batch.set(db.doc(`materials/${id}`), teaser);
  batch.set(db.doc(`materials/${id}/gated/body`), body);
  await batch.commit();
  return id;
}

/** Writes an event's teaser, join details and source (see makeEvent) as the event callables would, and returns its id. */
export async function writeEvent(db: Firestore, ...args: Parameters<typeof makeEvent>): Promise<string> {
  const { id, teaser, join, source } = makeEvent(...args);
  const batch = db.batch();
  batch.set(db.doc(`events/${id}`), teaser);
  batch.set(db.doc(`events/${id}/gated/join`), join);
  batch.set(db.doc(`events/${id}/private/source`), source);
  await batch.commit();
  return id;
}

/** Writes a course's documents as the sync would (see makeCourseDocs) and returns its slug. */
export async function writeCourse(db: Firestore, ...args: Parameters<typeof makeCourseDocs>): Promise<string> {
  const { id, teaser, units, homework, keys, cohorts } = makeCourseDocs(...args);
  const batch = db.batch();
  batch.set(db.doc(`courses/${id}`), teaser);
  for (const [unitId, unit] of Object.entries(units)) batch.set(db.doc(`courses/${id}/units/${unitId}`), unit);
  for (const [hwId, hw] of Object.entries(homework)) {
    batch.set(db.doc(`courses/${id}/homework/${hwId}`), hw);
    batch.set(db.doc(`courses/${id}/homework/${hwId}/private/key`), keys[hwId]);
  }
  for (const [cohortId, cohort] of Object.entries(cohorts))
    batch.set(db.doc(`courses/${id}/cohorts/${cohortId}`), cohort);
  await batch.commit();
  return id;
}

/** The demo community `npm start` shows: tiers, config/community, five accounts, the materials. */
export async function seedDemo(): Promise<void> {
  const { db, auth } = adminSdk();
  process.env.LOCAL_MEDIA_DIR = mkdtempSync(join(tmpdir(), 'commons-seed-'));
  await seed({ db, auth, storage: localMediaStorage() });
}

/** Signs in as one of the seed's demo accounts (free, basic, main, premium, admin). */
export const signInDemo = (who: 'free' | 'basic' | 'main' | 'premium' | 'admin') =>
  signIn(`${who}@demo.test`, DEMO_PASSWORD);
