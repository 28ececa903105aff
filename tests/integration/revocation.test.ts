import { beforeAll, describe, expect, it } from 'vitest';
import { setDisabled } from '../../functions/src/members/member-store';
import {
  PROJECT_ID,
  adminSdk,
  callFunction,
  clearEmulators,
  readMember,
  signIn,
  signInCurrent,
  tokenClaims,
  type SignedIn,
} from '../support/emulators';
import { createMember, writeMaterial } from '../support/factories';

// A downgrade applies to the tokens already handed out: through the real callables and the Firestore
// emulator's REST API with the member's own ID token (the rules decide, as for the web app).
const { db, auth } = adminSdk();
const FIRESTORE = `http://${process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080'}`;
const DOCS = `${FIRESTORE}/v1/projects/${PROJECT_ID}/databases/(default)/documents`;
const BASIC_BODY = 'materials/basic-read/gated/body';
const FREE_BODY = 'materials/free-read/gated/body';

/** Reads a document as the holder of `idToken`: the HTTP status (200 read, 403 refused by the rules). */
async function readAs(path: string, idToken: string): Promise<number> {
  const res = await fetch(`${DOCS}/${path}`, { headers: { authorization: `Bearer ${idToken}` } });
  return res.status;
}

let admin: SignedIn;
let reader: SignedIn;

beforeAll(async () => {
  await clearEmulators();
  admin = await createMember('admin@demo.test', { admin: true });
  reader = await createMember('reader@example.com');
  await writeMaterial(db, 'basic', { id: 'basic-read' });
  await writeMaterial(db, 'free', { id: 'free-read' });
});

describe('a downgrade', () => {
  it('a revoked grant voids the member’s old ID token at once; a fresh one reads at the new rank', async () => {
    const grant = await callFunction('grantComplimentary', { uid: reader.uid, tier: 'basic' }, admin.idToken);
    expect(grant.result?.tier).toBe('basic');
    // An upgrade stamps nothing: the token the member already had stays valid.
    expect((await readMember(reader.uid)).tokensValidAfter).toBeUndefined();
    expect(await readAs(FREE_BODY, reader.idToken)).toBe(200);

    const basic = await signIn('reader@example.com');
    expect(tokenClaims(basic.idToken)).toMatchObject({ tier: 'basic', rank: 20 });
    expect(await readAs(BASIC_BODY, basic.idToken)).toBe(200);

    const revoked = await callFunction('revokeComplimentary', { uid: reader.uid }, admin.idToken);
    expect(revoked.result?.tier).toBe('free');
    const stamp = (await readMember(reader.uid)).tokensValidAfter;
    expect(stamp).toBeGreaterThanOrEqual(Number(tokenClaims(basic.idToken).iat));

    // The same token, still unexpired and still saying rank 20: refused for gated reads and callables.
    expect(await readAs(BASIC_BODY, basic.idToken)).toBe(403);
    expect(await readAs(FREE_BODY, basic.idToken)).toBe(403);
    expect(await readAs('materials/basic-read', basic.idToken)).toBe(200); // teasers are public
    const media = await callFunction('getMediaUrl', { materialId: 'basic-read', path: 'x' }, basic.idToken);
    expect(media.error?.status).toBe('UNAUTHENTICATED');

    // Signing in again (or the app's forced refresh) gives a current token with the lower claims.
    const fresh = await signInCurrent('reader@example.com');
    expect(tokenClaims(fresh.idToken)).toMatchObject({ tier: 'free', rank: 10 });
    expect(await readAs(FREE_BODY, fresh.idToken)).toBe(200);
    expect(await readAs(BASIC_BODY, fresh.idToken)).toBe(403);
  });

  it('a disabled account: its unexpired token is refused at once, and it cannot sign in again', async () => {
    const gone = await createMember('gone@example.com', { tier: 'basic' });
    expect(await readAs(BASIC_BODY, gone.idToken)).toBe(200);
    await setDisabled({ db, auth, now: () => new Date() }, gone.uid, true);
    expect(await readAs(BASIC_BODY, gone.idToken)).toBe(403);
    await expect(signIn('gone@example.com')).rejects.toThrow(/USER_DISABLED/);
    await setDisabled({ db, auth, now: () => new Date() }, gone.uid, false);
    expect(await readAs(BASIC_BODY, (await signInCurrent('gone@example.com')).idToken)).toBe(200);
  });

  it('does not touch other members’ tokens', async () => {
    const other = await createMember('other@example.com', { tier: 'basic' });
    expect(await readAs(BASIC_BODY, other.idToken)).toBe(200);
    expect((await readMember(other.uid)).tokensValidAfter).toBeUndefined();
  });
});
