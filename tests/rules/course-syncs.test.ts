import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// Course sync reports: admins read them (the admin's sync list); nobody writes them but the sync. The sync's
// lease and last-push marker: functions only.
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'courseSyncs/s1'), {
    source: 'github',
    commit: 'a'.repeat(40),
    status: 'failed',
    added: [],
    changed: [],
    archived: [],
    errors: [{ path: 'course/course.yaml', line: 3, message: 'bad' }],
    writes: 0,
  });
  await setDoc(doc(ctx.firestore(), 'courseSyncLocks/repo'), { holder: 's1' });
  await setDoc(doc(ctx.firestore(), 'courseSyncLocks/lastPush'), { pushedAt: 1 });
});

describe('courseSyncs/s1', () => {
  whoCan(env, documentOperations('courseSyncs/s1', { get: ['admin'], list: ['admin'] }));
});

describe('courseSyncLocks/repo', () => {
  whoCan(env, documentOperations('courseSyncLocks/repo', {}));
});

describe('courseSyncLocks/lastPush', () => {
  whoCan(env, documentOperations('courseSyncLocks/lastPush', {}));
});
