import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, setDoc } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { makeMaterial, makeMemberDoc } from '../../functions/src/testing/factories';
import { rulesSuite } from './readers';

// A downgrade stamps members/{uid}.tokensValidAfter (Unix seconds); claims-based reads then need an ID
// token issued after it (`iat`), so an old token's higher claims stop working at once. The mock tokens
// here set `iat` themselves (the emulator's own tokens carry the real time: revocation.test.ts in
// tests/integration goes through them).
const STAMP = 1_700_000_000;

const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'config/tiers'), DEFAULT_TIERS);
  for (const [access, status] of [
    ['basic', 'published'],
    ['public', 'published'],
    ['basic', 'draft'],
  ] as const) {
    const { teaser, body } = makeMaterial(access, { status });
    await setDoc(doc(db, `materials/${access}-${status}`), teaser);
    await setDoc(doc(db, `materials/${access}-${status}/gated/body`), body);
  }
  await setDoc(doc(db, 'config/community'), { access: 'basic', rank: 20 });
  await setDoc(doc(db, 'config/community/gated/links'), {
    access: 'basic',
    rank: 20,
    slackInviteUrl: 'https://slack.example/invite',
    telegramInviteUrl: '',
  });
  await setDoc(
    doc(db, 'members/u-stamped'),
    makeMemberDoc({ email: 'stamped@example.com', tier: 'basic', tokensValidAfter: STAMP }),
  );
  await setDoc(
    doc(db, 'members/u-demoted'),
    makeMemberDoc({ email: 'demoted@example.com', admin: false, tokensValidAfter: STAMP }),
  );
  await setDoc(doc(db, 'members/u-plain'), makeMemberDoc({ email: 'plain@example.com', tier: 'basic' }));
});

/** A member's Firestore with an ID token issued at `iat` carrying `claims`. */
const withToken = (uid: string, iat: number, claims: Record<string, unknown> = { tier: 'basic', rank: 20 }) =>
  env()
    .authenticatedContext(uid, { ...claims, iat })
    .firestore();

const BASIC_BODY = 'materials/basic-published/gated/body';
const LINKS = 'config/community/gated/links';

describe('tokens issued before a downgrade', () => {
  it.each([
    ['before the stamp', STAMP - 60],
    ['in the second of the stamp', STAMP],
  ])('a token issued %s cannot read a gated body or the community links', async (_when, iat) => {
    const db = withToken('u-stamped', iat);
    await assertFails(getDoc(doc(db, BASIC_BODY)));
    await assertFails(getDoc(doc(db, LINKS)));
  });

  it('a token issued after the stamp (the refreshed one) reads them', async () => {
    const db = withToken('u-stamped', STAMP + 1);
    await assertSucceeds(getDoc(doc(db, BASIC_BODY)));
    await assertSucceeds(getDoc(doc(db, LINKS)));
  });

  it('a member without a stamp, or without a member document, reads with any token', async () => {
    await assertSucceeds(getDoc(doc(withToken('u-plain', 0), BASIC_BODY)));
    await assertSucceeds(getDoc(doc(withToken('u-nobody', 0), BASIC_BODY)));
    await assertSucceeds(getDoc(doc(withToken('u-nobody', 0), LINKS)));
  });

  it('an old token still reads its own member document (where the app sees the stamp) and teasers', async () => {
    const db = withToken('u-stamped', STAMP - 60);
    await assertSucceeds(getDoc(doc(db, 'members/u-stamped')));
    await assertSucceeds(getDoc(doc(db, 'materials/basic-published')));
  });

  it('visitors are not affected', async () => {
    const db = env().unauthenticatedContext().firestore();
    await assertSucceeds(getDoc(doc(db, 'materials/public-published/gated/body')));
    await assertFails(getDoc(doc(db, BASIC_BODY)));
  });

  it('an admin claim in a token from before the admin was removed no longer works', async () => {
    const admin = { tier: 'free', rank: 10, admin: true };
    const old = withToken('u-demoted', STAMP - 60, admin);
    await assertFails(getDoc(doc(old, 'materials/basic-draft/gated/body')));
    await assertFails(getDocs(collection(old, 'members')));
    await assertFails(setDoc(doc(old, 'config/community'), { access: 'public', rank: 0 }));

    const fresh = withToken('u-demoted', STAMP + 1, admin);
    await assertSucceeds(getDoc(doc(fresh, 'materials/basic-draft/gated/body')));
    await assertSucceeds(getDocs(collection(fresh, 'members')));
  });
});
