// The benches' Firestore: a project of their own on the emulator (`npm run bench` starts it), so a bench
// never touches the demo data, and emptied before a run so every run starts from nothing.
import { initializeApp } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';

/** The bench project's Firestore on the emulator; `bench` names the bench that runs alone, for the error outside it. */
export function benchFirestore(project: string, bench?: string): Firestore {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    throw new Error(`Run inside the emulators (npm run bench${bench ? ` -- ${bench}` : ''})`);
  }
  return getFirestore(initializeApp({ projectId: project }, project));
}

/** The same, with every document of the project deleted first. */
export async function emptyBenchFirestore(project: string, bench?: string): Promise<Firestore> {
  const db = benchFirestore(project, bench);
  const host = process.env.FIRESTORE_EMULATOR_HOST;
  await fetch(`http://${host}/emulator/v1/projects/${project}/databases/(default)/documents`, { method: 'DELETE' });
  return db;
}
