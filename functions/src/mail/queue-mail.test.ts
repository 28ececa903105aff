import type { DocumentData, Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { MAIL } from '../shared/mail';
import { queueMail } from './queue-mail';

// Enough of Firestore to see which document queueMail creates and with what.
const db = {
  collection: (name: string) => ({ doc: (id: string) => ({ path: `${name}/${id}` }) }),
} as unknown as Firestore;

function writes() {
  const created: Array<{ path: string; data: DocumentData }> = [];
  const writer = { create: (ref: { path: string }, data: DocumentData) => created.push({ path: ref.path, data }) };
  return { created, writer: writer as unknown as Parameters<typeof queueMail>[1] };
}

describe('queueMail', () => {
  const at = new Date('2026-11-24T12:00:00Z');

  it('creates the outbox document under its idempotency key, queued', () => {
    const { created, writer } = writes();
    queueMail(
      db,
      writer,
      { key: 'u1_welcome_1', to: 'a@b.test', uid: 'u1', template: 'welcome', data: { tier: 'main', tierName: 'Main' } },
      at,
    );
    expect(created).toHaveLength(1);
    expect(created[0]!.path).toBe(`${MAIL}/u1_welcome_1`);
    expect(created[0]!.data).toMatchObject({
      to: 'a@b.test',
      uid: 'u1',
      template: 'welcome',
      data: { tier: 'main', tierName: 'Main' },
      state: 'queued',
    });
    expect(created[0]!.data).not.toHaveProperty('key');
    expect((created[0]!.data.createdAt as { toDate(): Date }).toDate()).toEqual(at);
  });

  it('takes only the data its template needs', () => {
    const { writer } = writes();
    const base = { key: 'k', to: 'a@b.test', uid: null };
    // @ts-expect-error confirm-subscription needs its confirmUrl
    queueMail(db, writer, { ...base, template: 'confirm-subscription', data: { tierName: 'Main' } }, at);
    // @ts-expect-error no such template
    queueMail(db, writer, { ...base, template: 'newsletter', data: {} }, at);
    queueMail(db, writer, { ...base, template: 'confirm-subscription', data: { confirmUrl: 'https://x.test' } }, at);
  });
});
