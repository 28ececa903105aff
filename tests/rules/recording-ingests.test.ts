import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// Recording ingest: admins follow each file's copy and each meeting's publication; only functions write.
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'recordingIngests/abc_f1'), { state: 'running', bytesDone: 10, error: null });
  await setDoc(doc(ctx.firestore(), 'recordingMeetings/abc'), { state: 'ingesting', jobs: ['abc_f1'] });
});

describe('recordingIngests/abc_f1', () => {
  whoCan(env, documentOperations('recordingIngests/abc_f1', { get: ['admin'], list: ['admin'] }));
});

describe('recordingMeetings/abc', () => {
  whoCan(env, documentOperations('recordingMeetings/abc', { get: ['admin'], list: ['admin'] }));
});
