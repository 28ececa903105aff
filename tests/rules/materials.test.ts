import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, where, writeBatch } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { markdownHash } from '../../functions/src/shared/body-html';
import { canAccess, readerRank } from '../../functions/src/shared/access';
import { materialDocs, searchEntryOf, type MaterialStatus } from '../../functions/src/shared/materials';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { rankOf } from '../../functions/src/shared/tiers';
import { makeMaterial, makeRecording } from '../../functions/src/testing/factories';
import { dbFor, documentOperations, reader, READERS, rulesSuite, whoCan } from './readers';

const LEVELS = ['public', 'free', 'basic', 'main', 'premium'] as const;

// The rules see what the app writes: teaser and body as makeMaterial (materialDocs) builds them.
const teaser = (access: string, status: MaterialStatus = 'published', rank?: number) =>
  makeMaterial(access, { status, rank }).teaser;
const body = (access: string, status: MaterialStatus = 'published', rank?: number) =>
  makeMaterial(access, { status, rank }).body;

// What renderMaterialBody stores beside the markdown of `body('main')`.
const RENDERED = { html: '<p>Body of main</p>', htmlOf: markdownHash('Body of main') };

const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'config/tiers'), DEFAULT_TIERS);
  for (const level of LEVELS) {
    await setDoc(doc(db, `materials/m-${level}`), teaser(level));
    await setDoc(doc(db, `materials/m-${level}/gated/body`), body(level));
  }
  await setDoc(doc(db, 'materials/m-draft'), teaser('free', 'draft'));
  await setDoc(doc(db, 'materials/m-draft/gated/body'), body('free', 'draft'));
  await setDoc(doc(db, 'materials/m-rendered'), teaser('main'));
  await setDoc(doc(db, 'materials/m-rendered/gated/body'), { ...body('main'), ...RENDERED });
  await setDoc(doc(db, 'materialSearch/m-premium'), searchEntryOf(teaser('premium')));
  await setDoc(doc(db, 'materialSearch/m-draft'), searchEntryOf(teaser('free', 'draft')));
});

describe('materials teaser', () => {
  it.each(READERS.map((r) => [r.name]))('%s can get and list published teasers', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertSucceeds(getDoc(doc(db, 'materials/m-premium')));
    await assertSucceeds(getDocs(query(collection(db, 'materials'), where('status', '==', 'published'))));
  });

  it.each(READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]))(
    '%s cannot get a draft or list without the published filter',
    async (name) => {
      const db = dbFor(env(), reader(name));
      await assertFails(getDoc(doc(db, 'materials/m-draft')));
      await assertFails(getDocs(collection(db, 'materials')));
    },
  );

  it('admin can get drafts and list everything', async () => {
    const db = dbFor(env(), reader('admin'));
    await assertSucceeds(getDoc(doc(db, 'materials/m-draft')));
    await assertSucceeds(getDocs(collection(db, 'materials')));
  });

  it.each(READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]))(
    '%s cannot create, update or delete a material',
    async (name) => {
      const db = dbFor(env(), reader(name));
      await assertFails(setDoc(doc(db, 'materials/new'), teaser('public')));
      await assertFails(setDoc(doc(db, 'materials/m-premium'), teaser('public')));
      await assertFails(setDoc(doc(db, 'materials/m-premium'), { ...teaser('premium'), rank: 0 }));
      await assertFails(deleteDoc(doc(db, 'materials/m-free')));
    },
  );

  it('admin can create, update and delete a material with its body in one batch', async () => {
    const db = dbFor(env(), reader('admin'));
    const batch = writeBatch(db);
    batch.set(doc(db, 'materials/new'), teaser('main'));
    batch.set(doc(db, 'materials/new/gated/body'), body('main'));
    await assertSucceeds(batch.commit());
    await assertSucceeds(setDoc(doc(db, 'materials/new'), teaser('main', 'draft')));
    await assertSucceeds(deleteDoc(doc(db, 'materials/new')));
  });

  it('admin cannot save a rank that disagrees with config/tiers, an unknown access or unknown fields', async () => {
    const db = dbFor(env(), reader('admin'));
    await assertFails(setDoc(doc(db, 'materials/bad'), teaser('premium', 'published', 10)));
    await assertFails(setDoc(doc(db, 'materials/bad'), teaser('platinum', 'published', 50)));
    await assertFails(setDoc(doc(db, 'materials/bad'), { ...teaser('free'), markdown: 'body in the teaser' }));
    await assertFails(setDoc(doc(db, 'materials/bad'), { ...teaser('free'), kind: 'video' }));
    // Search keys live in materialSearch, written by functions only.
    await assertFails(setDoc(doc(db, 'materials/bad'), searchEntryOf(teaser('free'))));
  });
});

describe('materials gated body', () => {
  // Agreement of the pure check and the rules, for every published level and reader.
  for (const r of READERS.filter((x) => x.name !== 'admin')) {
    for (const level of LEVELS) {
      const allowed = canAccess(r.claims, { rank: rankOf(DEFAULT_TIERS, level) ?? 0 });
      it(`${r.name} ${allowed ? 'can' : 'cannot'} get the ${level} body`, async () => {
        const db = dbFor(env(), r);
        await (allowed ? assertSucceeds : assertFails)(getDoc(doc(db, `materials/m-${level}/gated/body`)));
      });
    }
  }

  it.each(READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]))(
    '%s can list bodies only with filters the rules can prove (published, rank at most theirs)',
    async (name) => {
      const r = reader(name);
      const db = dbFor(env(), r);
      const gated = collection(db, 'materials/m-public/gated');
      await assertSucceeds(
        getDocs(query(gated, where('status', '==', 'published'), where('rank', '<=', readerRank(r.claims)))),
      );
      await assertFails(getDocs(gated));
      await assertFails(getDocs(query(gated, where('status', '==', 'published'), where('rank', '<=', 99))));
    },
  );

  it.each(READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]))(
    '%s cannot read the body of a draft',
    async (name) => {
      await assertFails(getDoc(doc(dbFor(env(), reader(name)), 'materials/m-draft/gated/body')));
    },
  );

  it('admin reads every body, drafts included', async () => {
    const db = dbFor(env(), reader('admin'));
    for (const id of [...LEVELS.map((l) => `m-${l}`), 'm-draft']) {
      await assertSucceeds(getDoc(doc(db, `materials/${id}/gated/body`)));
    }
  });

  it.each(READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]))(
    '%s cannot write a body, nor lower its rank',
    async (name) => {
      const db = dbFor(env(), reader(name));
      await assertFails(setDoc(doc(db, 'materials/m-premium/gated/body'), body('premium')));
      await assertFails(setDoc(doc(db, 'materials/m-premium/gated/body'), { ...body('premium'), rank: 0 }));
      await assertFails(deleteDoc(doc(db, 'materials/m-premium/gated/body')));
    },
  );

  it('admin cannot write a body whose access, rank or status disagrees with its material', async () => {
    const db = dbFor(env(), reader('admin'));
    await assertFails(setDoc(doc(db, 'materials/m-premium/gated/body'), body('free')));
    await assertFails(setDoc(doc(db, 'materials/m-premium/gated/body'), { ...body('premium'), rank: 10 }));
    await assertFails(setDoc(doc(db, 'materials/m-premium/gated/body'), body('premium', 'draft')));
    await assertFails(setDoc(doc(db, 'materials/m-premium/gated/other'), body('premium')));
    await assertSucceeds(setDoc(doc(db, 'materials/m-premium/gated/body'), body('premium')));
    await assertSucceeds(deleteDoc(doc(db, 'materials/m-premium/gated/body')));
  });
});

describe('recordings (materials of kind recording)', () => {
  it('admin can save a recording: teaser with event, duration and chapters, body with transcript and chat', async () => {
    const db = dbFor(env(), reader('admin'));
    const rec = makeRecording('main');
    const batch = writeBatch(db);
    batch.set(doc(db, `materials/${rec.id}`), rec.teaser);
    batch.set(doc(db, `materials/${rec.id}/gated/body`), rec.body);
    await assertSucceeds(batch.commit());
  });

  it('admin cannot store more than 100 chapters, chapters that are no list, or a transcript in the teaser', async () => {
    const db = dbFor(env(), reader('admin'));
    const rec = makeRecording('main');
    const many = Array.from({ length: 101 }, (_, i) => ({ at: i, label: `c${i}` }));
    await assertFails(setDoc(doc(db, 'materials/bad'), { ...rec.teaser, chapters: many }));
    await assertFails(setDoc(doc(db, 'materials/bad'), { ...rec.teaser, chapters: 'x' }));
    await assertFails(setDoc(doc(db, 'materials/bad'), { ...rec.teaser, transcript: rec.body.transcript }));
  });

  it('a basic member cannot read a main recording body (the transcript); a main member can', async () => {
    const rec = makeRecording('main');
    await env().withSecurityRulesDisabled(async (ctx) => {
      await setDoc(doc(ctx.firestore(), `materials/${rec.id}`), rec.teaser);
      await setDoc(doc(ctx.firestore(), `materials/${rec.id}/gated/body`), rec.body);
    });
    await assertFails(getDoc(doc(dbFor(env(), reader('basic')), `materials/${rec.id}/gated/body`)));
    await assertSucceeds(getDoc(doc(dbFor(env(), reader('main')), `materials/${rec.id}/gated/body`)));
    await assertSucceeds(getDoc(doc(dbFor(env(), reader('anonymous')), `materials/${rec.id}`)));
  });
});

describe('materials body HTML (rendered by functions only)', () => {
  it('admin saves markdown by merging, which keeps the stored HTML until functions render again', async () => {
    const db = dbFor(env(), reader('admin'));
    const ref = doc(db, 'materials/m-rendered/gated/body');
    await assertSucceeds(setDoc(ref, { ...body('main'), markdown: 'New text' }, { merge: true }));
  });

  it('admin cannot set, change or drop html or htmlOf', async () => {
    const db = dbFor(env(), reader('admin'));
    const fresh = doc(db, 'materials/m-public/gated/body');
    await assertFails(setDoc(fresh, { ...body('public'), html: '<img src=x onerror=alert(1)>' }));
    await assertFails(setDoc(fresh, { ...body('public'), htmlOf: 'forged' }, { merge: true }));
    const rendered = doc(db, 'materials/m-rendered/gated/body');
    await assertFails(setDoc(rendered, { ...body('main'), ...RENDERED, html: '<b>forged</b>' }));
    await assertFails(setDoc(rendered, body('main'))); // a plain set would drop the HTML
    const batch = writeBatch(db);
    batch.set(doc(db, 'materials/new'), teaser('main'));
    batch.set(doc(db, 'materials/new/gated/body'), { ...body('main'), ...RENDERED });
    await assertFails(batch.commit());
  });

  it.each(READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]))(
    '%s cannot write html into a body',
    async (name) => {
      const db = dbFor(env(), reader(name));
      await assertFails(setDoc(doc(db, 'materials/m-rendered/gated/body'), { html: '<b>x</b>' }, { merge: true }));
    },
  );
});

describe('materialSearch (the search index, written by functions)', () => {
  whoCan(
    env,
    documentOperations('materialSearch/m-premium', {
      get: ['anonymous', 'free', 'basic', 'main', 'premium', 'admin'],
      list: ['admin'],
    }),
  );

  it.each(READERS.map((r) => [r.name]))('%s can search published entries', async (name) => {
    const db = dbFor(env(), reader(name));
    const search = query(
      collection(db, 'materialSearch'),
      where('status', '==', 'published'),
      where('searchKeys', 'array-contains', 't:sql'),
    );
    await assertSucceeds(getDocs(search));
  });

  it.each(READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]))(
    '%s cannot get the entry of a draft',
    async (name) => {
      await assertFails(getDoc(doc(dbFor(env(), reader(name)), 'materialSearch/m-draft')));
    },
  );
});

describe('curated links (materials of kind link)', () => {
  const linkDocs = (access: string) =>
    materialDocs(
      {
        id: `link-${access}`,
        kind: 'link',
        title: 'A good read',
        summary: 'Why it is worth reading, briefly.',
        tags: [],
        access,
        status: 'published',
        author: '',
        markdown: 'Because.',
        files: [],
        source: 'Some Site',
        url: 'https://example.com/read',
      },
      rankOf(DEFAULT_TIERS, access)!,
      { publishedAt: new Date(), updatedAt: new Date() },
    );

  it('admin saves a public link with its URL on the teaser, and a main link with it in the body only', async () => {
    const db = dbFor(env(), reader('admin'));
    for (const access of ['public', 'main']) {
      const { teaser: t, body: b } = linkDocs(access);
      const batch = writeBatch(db);
      batch.set(doc(db, `materials/link-${access}`), t);
      batch.set(doc(db, `materials/link-${access}/gated/body`), b);
      await assertSucceeds(batch.commit());
    }
  });

  it('admin cannot put a URL on a gated teaser, nor a non-https one on a public teaser', async () => {
    const db = dbFor(env(), reader('admin'));
    await assertFails(
      setDoc(doc(db, 'materials/bad'), { ...linkDocs('main').teaser, url: 'https://example.com/read' }),
    );
    await assertFails(setDoc(doc(db, 'materials/bad'), { ...linkDocs('public').teaser, url: 'javascript:alert(1)' }));
    await assertFails(setDoc(doc(db, 'materials/bad'), { ...linkDocs('public').teaser, source: 'x'.repeat(121) }));
  });

  it('a gated link’s URL: a basic member cannot read its body, a main member can', async () => {
    const { teaser: t, body: b } = linkDocs('main');
    await env().withSecurityRulesDisabled(async (ctx) => {
      await setDoc(doc(ctx.firestore(), 'materials/link-main'), t);
      await setDoc(doc(ctx.firestore(), 'materials/link-main/gated/body'), b);
    });
    await assertFails(getDoc(doc(dbFor(env(), reader('basic')), 'materials/link-main/gated/body')));
    const body = await assertSucceeds(getDoc(doc(dbFor(env(), reader('main')), 'materials/link-main/gated/body')));
    if (body.data()?.url !== 'https://example.com/read') throw new Error('the main member reads the URL');
  });
});
