import type { Firestore } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { bodyHtmlUpdate, renderStoredBody } from '../../functions/src/materials/body-html';
import { refreshMaterials } from '../../functions/src/materials/refresh-materials';
import { indexMaterial } from '../../functions/src/materials/search-index';
import { markdownHash } from '../../functions/src/shared/body-html';
import { searchKey } from '../../functions/src/shared/search';
import type { MaterialBody, MaterialSearchEntry } from '../../functions/src/shared/materials';
import { makeMaterial } from '../../functions/src/testing/factories';
import { adminSdk, clearEmulators, eventually, isolatedFirestore } from '../support/emulators';
import { writeMaterial } from '../support/factories';

const { db } = adminSdk();
const bodyOf = async (store: Firestore, id: string) =>
  (await store.doc(`materials/${id}/gated/body`).get()).data() as MaterialBody | undefined;
const entryOf = async (store: Firestore, id: string) =>
  (await store.doc(`materialSearch/${id}`).get()).data() as MaterialSearchEntry | undefined;

describe('material triggers (emulated functions)', () => {
  beforeAll(clearEmulators);

  it('renders a saved body to sanitized HTML once, and again after the markdown changes', async () => {
    const markdown = '## Joins\n\n<img src=x onerror=alert(1)> [x](javascript:alert(1))';
    const id = await writeMaterial(db, 'main', { id: 'render-me', markdown });
    const rendered = await eventually(
      () => bodyOf(db, id),
      (b) => b?.htmlOf === markdownHash(markdown),
    );
    expect(rendered?.html).toBe(bodyHtmlUpdate({ markdown })?.html);
    expect(rendered?.html).toContain('<h2>Joins</h2>');
    // Raw HTML is shown as text and the javascript: link is not made a link.
    expect(rendered?.html).not.toContain('<img');
    expect(rendered?.html).not.toContain('href="javascript');

    // The trigger fires again for its own write and leaves the body alone.
    const settled = (await db.doc(`materials/${id}/gated/body`).get()).updateTime;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await db.doc(`materials/${id}/gated/body`).get()).updateTime?.isEqual(settled!)).toBe(true);

    // An admin's save merges the new markdown: the old HTML stays until the trigger renders the new one.
    await db.doc(`materials/${id}/gated/body`).set({ markdown: 'Now **bold**.' }, { merge: true });
    const again = await eventually(
      () => bodyOf(db, id),
      (b) => b?.htmlOf === markdownHash('Now **bold**.'),
    );
    expect(again?.html).toContain('<strong>bold</strong>');
  });

  it('keeps materialSearch/{id} in step with the teaser, and the teaser free of search keys', async () => {
    const id = await writeMaterial(db, 'public', { id: 'find-me', title: 'Parquet for pipelines', tags: ['dbt'] });
    expect(Object.keys((await db.doc(`materials/${id}`).get()).data() ?? {})).not.toContain('searchKeys');
    const entry = await eventually(
      () => entryOf(db, id),
      (e) => !!e,
    );
    expect(entry?.title).toBe('Parquet for pipelines');
    expect(entry?.searchKeys).toEqual(expect.arrayContaining([searchKey('parq'), searchKey('pipe', 'dbt')]));

    await db.doc(`materials/${id}`).update({ title: 'Avro for pipelines' });
    const renamed = await eventually(
      () => entryOf(db, id),
      (e) => e?.title === 'Avro for pipelines',
    );
    expect(renamed?.searchKeys).toContain(searchKey('avro'));
    expect(renamed?.searchKeys).not.toContain(searchKey('parq'));

    await db.doc(`materials/${id}`).delete();
    expect(
      await eventually(
        () => entryOf(db, id),
        (e) => !e,
      ),
    ).toBeUndefined();
  });
});

describe('renderStoredBody and indexMaterial (called directly)', () => {
  let store: Firestore;
  beforeAll(async () => {
    store = await isolatedFirestore('demo-materials-direct');
  });

  it('renders what is missing or stale and nothing else', async () => {
    const deps = { db: store };
    expect(await renderStoredBody(deps, 'none')).toBe('missing');
    const { teaser, body } = makeMaterial('basic', { id: 'direct', markdown: '*one*' });
    await store.doc('materials/direct').set(teaser);
    await store.doc('materials/direct/gated/body').set(body);
    expect(await renderStoredBody(deps, 'direct')).toBe('rendered');
    expect((await bodyOf(store, 'direct'))?.html).toBe('<p><em>one</em></p>\n');
    expect(await renderStoredBody(deps, 'direct')).toBe('fresh');
    await store.doc('materials/direct/gated/body').update({ markdown: '*two*' });
    expect(await renderStoredBody(deps, 'direct')).toBe('rendered');
    expect((await bodyOf(store, 'direct'))?.html).toBe('<p><em>two</em></p>\n');
  });

  it('indexes a teaser, idempotently, and removes the entry with the material', async () => {
    const deps = { db: store };
    const { teaser } = makeMaterial('free', { id: 'indexed', title: 'Window functions', tags: ['sql'] });
    await store.doc('materials/indexed').set(teaser);
    expect(await indexMaterial(deps, 'indexed')).toBe('indexed');
    const first = await entryOf(store, 'indexed');
    expect(await indexMaterial(deps, 'indexed')).toBe('indexed');
    expect(await entryOf(store, 'indexed')).toEqual(first);
    expect(first).toMatchObject({ ...teaser, searchKeys: expect.arrayContaining([searchKey('wind', 'sql')]) });
    await store.doc('materials/indexed').delete();
    expect(await indexMaterial(deps, 'indexed')).toBe('removed');
    expect(await entryOf(store, 'indexed')).toBeUndefined();
  });

  it('refreshes materials stored before body HTML and the search index existed', async () => {
    const deps = { db: store };
    const { teaser, body } = makeMaterial('premium', { id: 'legacy', title: 'Legacy dbt notes', markdown: '# Old' });
    await store.doc('materials/legacy').set({ ...teaser, searchKeys: ['w:le'] });
    await store.doc('materials/legacy/gated/body').set(body);
    expect(await refreshMaterials(deps)).toMatchObject({ rendered: 1 });
    expect((await store.doc('materials/legacy').get()).get('searchKeys')).toBeUndefined();
    expect((await entryOf(store, 'legacy'))?.searchKeys).toContain(searchKey('legacy'));
    expect((await bodyOf(store, 'legacy'))?.html).toBe('<h1>Old</h1>\n');
    expect(await refreshMaterials(deps)).toMatchObject({ rendered: 0 });
  });
});
