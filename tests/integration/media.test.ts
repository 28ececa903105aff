import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, adminSdk, callFunction, clearEmulators, type SignedIn } from '../support/emulators';
import { createMember, writeMaterial } from '../support/factories';

const { db } = adminSdk();
let admin: SignedIn;
let member: SignedIn;
let premiumFile: string;

async function upload(name: string, content: string, idToken?: string) {
  return fetch(`${FUNCTIONS}/uploadMedia?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(idToken ? { authorization: `Bearer ${idToken}` } : {}) },
    body: content,
  });
}

beforeAll(async () => {
  await clearEmulators();
  admin = await createMember('admin@demo.test', { admin: true });
  member = await createMember('member@example.com');
  const res = await upload('orders.csv', 'id,total\n1,9.50\n', admin.idToken);
  expect(res.status).toBe(200);
  premiumFile = ((await res.json()) as { path: string }).path;
  const files = [{ name: 'orders.csv', path: premiumFile, size: 10, contentType: 'text/csv' }];
  await writeMaterial(db, 'premium', { id: 'premium-download', files });
  await writeMaterial(db, 'free', { id: 'free-download', files });
  await writeMaterial(db, 'free', { id: 'draft-download', files, status: 'draft' });
});

describe('uploadMedia', () => {
  it('refuses visitors and non-admins', async () => {
    expect((await upload('x.csv', 'a')).status).toBe(403);
    expect((await upload('x.csv', 'a', member.idToken)).status).toBe(403);
  });

  it('refuses an empty body or a missing name with a clear error', async () => {
    const res = await upload('', 'a', admin.idToken);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/name/);
  });

  it('stores the file under media/ with a safe name', () => {
    expect(premiumFile).toMatch(/^media\/materials\/[0-9a-f-]+\/orders\.csv$/);
  });
});

describe('getMediaUrl', () => {
  it('gives an entitled member a short-lived URL that serves the bytes', async () => {
    const res = await callFunction('getMediaUrl', { materialId: 'free-download', path: premiumFile }, member.idToken);
    const { url, expiresAt } = res.result ?? { url: '', expiresAt: '' };
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('id,total\n1,9.50\n');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="orders.csv"');
  });

  it('serves a video inline, for the page to play, not as a download', async () => {
    const res = await upload('talk.mp4', 'not really a movie', admin.idToken);
    const path = ((await res.json()) as { path: string }).path;
    const files = [{ name: 'talk.mp4', path, size: 18, contentType: 'video/mp4', role: 'video' as const }];
    await writeMaterial(db, 'free', { id: 'free-video', files });
    const url = await callFunction('getMediaUrl', { materialId: 'free-video', path }, member.idToken);
    const file = await fetch(url.result?.url ?? '');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBeNull();
  });

  it('refuses a tampered or expired URL', async () => {
    const res = await callFunction('getMediaUrl', { materialId: 'free-download', path: premiumFile }, member.idToken);
    const url = new URL(res.result?.url ?? '');
    url.searchParams.set('sig', '0'.repeat(64));
    expect((await fetch(url)).status).toBe(403);
    const other = new URL(res.result?.url ?? '');
    other.pathname = other.pathname.replace('orders.csv', 'other.csv');
    expect((await fetch(other)).status).toBe(403);
  });

  it('refuses a free member a premium file, and everyone a draft or an unlisted path', async () => {
    const premium = await callFunction(
      'getMediaUrl',
      { materialId: 'premium-download', path: premiumFile },
      member.idToken,
    );
    expect(premium.error?.status).toBe('PERMISSION_DENIED');
    const anon = await callFunction('getMediaUrl', { materialId: 'free-download', path: premiumFile });
    expect(anon.error?.status).toBe('PERMISSION_DENIED');
    const draft = await callFunction(
      'getMediaUrl',
      { materialId: 'draft-download', path: premiumFile },
      member.idToken,
    );
    expect(draft.error?.status).toBe('NOT_FOUND');
    const unlisted = await callFunction(
      'getMediaUrl',
      { materialId: 'free-download', path: 'media/other/secret.csv' },
      member.idToken,
    );
    expect(unlisted.error?.status).toBe('NOT_FOUND');
  });

  it('answers invalid-argument to a malformed payload', async () => {
    const res = await callFunction('getMediaUrl', { materialId: 42 }, member.idToken);
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toMatch(/materialId/);
  });
});
