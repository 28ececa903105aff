import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import type { PollStatus } from '../../functions/src/shared/polls';
import { makePoll } from '../../functions/src/testing/poll-factories';
import { dbFor, documentOperations, reader, READERS, rulesSuite, whoCan, type ReaderName } from './readers';

// Polls (functions/src/shared/polls.ts): every write goes through the poll callables, so clients write
// nothing. The poll (teaser and `results`, which functions leave null while hidden) is public once open or
// closed; a member reads their own ballot and their own proposals; the tally shards are admins' only, so
// results a poll hides are not readable from any client.

const POLLS: Array<[string, PollStatus]> = [
  ['p-draft', 'draft'],
  ['p-open', 'open'],
  ['p-closed', 'closed'],
];
const VOTERS = ['u-main', 'u-premium', 'u-basic'];

const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'config/tiers'), DEFAULT_TIERS);
  for (const [id, status] of POLLS) {
    await setDoc(doc(db, `polls/${id}`), makePoll('main', { status, resultsVisibility: 'after-close' }));
    for (const uid of VOTERS) {
      await setDoc(doc(db, `polls/${id}/votes/${uid}`), {
        optionIds: ['o1'],
        castAt: new Date(),
        updatedAt: new Date(),
      });
      await setDoc(doc(db, `polls/${id}/proposals/from-${uid}`), {
        uid,
        label: `Idea of ${uid}`,
        status: 'pending',
        createdAt: new Date(),
        decidedAt: null,
      });
    }
    await setDoc(doc(db, `polls/${id}/tallyShards/0`), { counts: { o1: 3 }, ballots: 3, writes: 3 });
  }
});

const EVERYONE: ReaderName[] = ['anonymous', 'free', 'basic', 'main', 'premium', 'admin'];

describe('polls/{id}', () => {
  describe('open', () => whoCan(env, documentOperations('polls/p-open', { get: EVERYONE, list: ['admin'] })));
  describe('closed', () => whoCan(env, documentOperations('polls/p-closed', { get: EVERYONE, list: ['admin'] })));
  describe('draft', () => whoCan(env, documentOperations('polls/p-draft', { get: ['admin'], list: ['admin'] })));

  it.each(READERS.map((r) => [r.name]))('%s can list open and closed polls by status', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertSucceeds(getDocs(query(collection(db, 'polls'), where('status', 'in', ['open', 'closed']))));
  });

  it.each(READERS.map((r) => [r.name]))('%s cannot create a poll or write results', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(setDoc(doc(db, 'polls/new'), makePoll('public')));
    await assertFails(updateDoc(doc(db, 'polls/p-open'), { results: { counts: { o1: 99 }, ballots: 99 } }));
  });
});

describe('polls/{id}/votes/{uid}', () => {
  describe('own ballot', () =>
    whoCan(env, documentOperations('polls/p-open/votes/u-main', { get: ['main', 'admin'], list: ['admin'] })));

  it('a member cannot write their own ballot, not even on an open poll', async () => {
    const db = dbFor(env(), reader('main'));
    const ballot = { optionIds: ['o2'], castAt: new Date(), updatedAt: new Date() };
    await assertFails(setDoc(doc(db, 'polls/p-open/votes/u-main'), ballot));
    await assertFails(setDoc(doc(db, 'polls/p-open/votes/u-free'), ballot));
  });
});

describe('polls/{id}/proposals/{id}', () => {
  describe('own proposal', () =>
    whoCan(env, documentOperations('polls/p-open/proposals/from-u-main', { get: ['main', 'admin'], list: ['admin'] })));

  it('a member lists their own proposals by a query on their uid, not anyone else’s', async () => {
    const db = dbFor(env(), reader('main'));
    const own = await assertSucceeds(
      getDocs(query(collection(db, 'polls/p-open/proposals'), where('uid', '==', 'u-main'))),
    );
    if (own.size !== 1) throw new Error(`expected 1 own proposal, got ${own.size}`);
    await assertFails(getDocs(query(collection(db, 'polls/p-open/proposals'), where('uid', '==', 'u-premium'))));
    await assertFails(getDoc(doc(db, 'polls/p-open/proposals/from-u-premium')));
  });

  it('a member cannot propose or approve from the client', async () => {
    const db = dbFor(env(), reader('main'));
    await assertFails(
      setDoc(doc(db, 'polls/p-open/proposals/mine'), {
        uid: 'u-main',
        label: 'Mine',
        status: 'approved',
        createdAt: new Date(),
        decidedAt: null,
      }),
    );
    await assertFails(updateDoc(doc(db, 'polls/p-open/proposals/from-u-main'), { status: 'approved' }));
  });
});

describe('polls/{id}/tallyShards/{n}', () => {
  describe('open poll (results hidden until it closes)', () =>
    whoCan(env, documentOperations('polls/p-open/tallyShards/0', { get: ['admin'], list: ['admin'] })));
  describe('closed poll', () =>
    whoCan(env, documentOperations('polls/p-closed/tallyShards/0', { get: ['admin'], list: ['admin'] })));
});
