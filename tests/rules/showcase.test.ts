import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, where } from 'firebase/firestore';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { showcaseDocs, type ShowcaseStatus } from '../../functions/src/shared/showcase';
import { dbFor, documentOperations, reader, rulesSuite, whoCan } from './readers';

// The project showcase (functions/src/shared/showcase.ts): callables write everything. An approved teaser is
// public; its links (repository, demo) are read from its rank up; the author reads their own at any status;
// admins read all. `config/showcase` (who may submit) is public.

const now = new Date();
const input = {
  title: 'Pipeline doctor',
  summary: 'Finds the slow steps of a dbt project.',
  repoUrl: 'https://github.com/ada/doctor',
  demoUrl: '',
  images: [],
};

/** A project by `uid` with `access`/`rank`, both documents at `status`. */
async function writeProject(
  db: ReturnType<typeof dbFor>,
  id: string,
  uid: string,
  access: string,
  rank: number,
  status: ShowcaseStatus,
) {
  const { teaser, links } = showcaseDocs({ ...input, access }, { uid, name: 'Ada' }, rank, {
    submittedAt: now,
    updatedAt: now,
  });
  await setDoc(doc(db, `showcase/${id}`), { ...teaser, status, approvedAt: status === 'approved' ? now : null });
  await setDoc(doc(db, `showcase/${id}/gated/links`), { ...links, status });
}

const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'config/tiers'), DEFAULT_TIERS);
  await setDoc(doc(db, 'config/showcase'), { access: 'main' });
  await writeProject(db, 'approved-main', 'u-free', 'main', 30, 'approved');
  await writeProject(db, 'approved-public', 'u-free', 'public', 0, 'approved');
  await writeProject(db, 'pending-basic', 'u-basic', 'public', 0, 'pending');
  await writeProject(db, 'rejected-basic', 'u-basic', 'public', 0, 'rejected');
});

describe('config/showcase: anyone reads, nobody writes', () => {
  whoCan(
    env,
    documentOperations('config/showcase', {
      get: ['anonymous', 'free', 'basic', 'main', 'premium', 'admin'],
    }),
  );
});

describe('showcase/{id} approved: anyone reads; clients never write', () => {
  whoCan(
    env,
    documentOperations('showcase/approved-main', {
      get: ['anonymous', 'free', 'basic', 'main', 'premium', 'admin'],
      list: ['admin'],
    }),
  );
});

describe('showcase/{id} pending: the author and admins', () => {
  whoCan(env, documentOperations('showcase/pending-basic', { get: ['basic', 'admin'], list: ['admin'] }));
});

describe('showcase/{id}/gated/links of a main project: main and up, the author, admins', () => {
  whoCan(
    env,
    documentOperations('showcase/approved-main/gated/links', {
      get: ['free', 'main', 'premium', 'admin'],
    }),
  );
});

describe('showcase/{id}/gated/links of a pending public project: the author and admins only', () => {
  whoCan(env, documentOperations('showcase/pending-basic/gated/links', { get: ['basic', 'admin'] }));
});

describe('showcase queries', () => {
  it('anyone lists the approved ones', async () => {
    const db = dbFor(env(), reader('anonymous'));
    const snap = await assertSucceeds(getDocs(query(collection(db, 'showcase'), where('status', '==', 'approved'))));
    expect(snap.docs.map((d) => d.id).sort()).toEqual(['approved-main', 'approved-public']);
  });

  it('a member lists their own at every status, never another member’s', async () => {
    const db = dbFor(env(), reader('basic'));
    const mine = await assertSucceeds(getDocs(query(collection(db, 'showcase'), where('uid', '==', 'u-basic'))));
    expect(mine.docs.map((d) => d.id).sort()).toEqual(['pending-basic', 'rejected-basic']);
    await assertFails(getDocs(query(collection(db, 'showcase'), where('uid', '==', 'u-free'))));
  });

  it('nobody lists pending ones but admins', async () => {
    const q = (name: string) =>
      getDocs(query(collection(dbFor(env(), reader(name)), 'showcase'), where('status', '==', 'pending')));
    await assertFails(q('premium'));
    await assertSucceeds(q('admin'));
  });

  it('a visitor cannot read the links of a public project while it is pending', async () => {
    await assertFails(getDoc(doc(dbFor(env(), reader('anonymous')), 'showcase/pending-basic/gated/links')));
    await assertSucceeds(getDoc(doc(dbFor(env(), reader('anonymous')), 'showcase/approved-public/gated/links')));
  });
});
