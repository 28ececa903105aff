// Find things (issue 15) through the real `ssr` function and triggers: the search documents and page, related
// materials on a material page, and the newsletter archive after a real send. Public parts only, everywhere: a gated
// material's body and a main-only section never reach a public answer, and the rules keep the section from a
// basic member.
import { Timestamp } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchDoc } from '../../functions/src/shared/search-index';
import { PUBLIC_CACHE_CONTROL } from '../../functions/src/shared/public-pages';
import { adminSdk, callFunction, clearEmulators, eventually, PROJECT_ID, type SignedIn } from '../support/emulators';
import { seedDemo, signInDemo, writeMaterial } from '../support/factories';
import { SSR, publicPage } from '../support/public-page';

const { db } = adminSdk();
/** Words that exist only where named: a public summary, a gated body, a main-only newsletter section. */
const SUMMARY_WORD = 'quokkas';
const BODY_WORD = 'zyxwvbody';
const SECTION_WORD = 'MAINONLYSECTION';

beforeAll(async () => {
  await clearEmulators();
  await seedDemo();
  await writeMaterial(db, 'public', {
    id: 'sorting-public',
    title: 'Sorting parquet files',
    summary: `How ${SUMMARY_WORD} would sort parquet files before a merge`,
    tags: ['parquet', 'sorting'],
  });
  await writeMaterial(db, 'main', {
    id: 'sorting-gated',
    title: 'Sorting at scale, for members',
    summary: 'The members-only follow-up',
    tags: ['parquet', 'sorting'],
    markdown: `The secret word of this body is ${BODY_WORD}.`,
  });
  // Published as the editor publishes: with its dates (the factory leaves them null).
  const at = Timestamp.now();
  for (const id of ['sorting-public', 'sorting-gated'])
    await db.doc(`materials/${id}`).update({ publishedAt: at, updatedAt: at });
}, 60_000);

describe('the search documents (/search-index.json)', () => {
  let body: string;
  let docs: SearchDoc[];
  beforeAll(async () => {
    const res = await fetch(`${SSR}/search-index.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
    body = await res.text();
    docs = JSON.parse(body) as SearchDoc[];
  });

  it('hold a public material, findable by a word of its summary', () => {
    const found = docs.filter((d) => d.summary.toLowerCase().includes(SUMMARY_WORD));
    expect(found.map((d) => [d.id, d.url, d.rank])).toEqual([
      ['material:sorting-public', '/materials/sorting-public', 0],
    ]);
  });

  it('hold the gated material’s teaser with its rank, never its body', () => {
    expect(docs.find((d) => d.id === 'material:sorting-gated')).toMatchObject({ access: 'main', rank: 30 });
    expect(body.toLowerCase()).not.toContain(BODY_WORD);
  });

  it('hold events, courses and the archived newsletters too', () => {
    const kinds = new Set(docs.map((d) => d.kind));
    expect(kinds).toContain('Event');
    expect(kinds).toContain('Newsletter');
  });
});

describe('the search page (/search?q=)', () => {
  it('is rendered with its results: kind, title, summary, lock', async () => {
    const { res, doc, html } = await publicPage('/search?q=sorting');
    expect(res.status).toBe(200);
    const results = [...doc.querySelectorAll('[data-testid="search-result"]')];
    const titles = results.map((r) => r.querySelector('.card-title')?.textContent?.trim());
    expect(titles).toEqual(expect.arrayContaining(['Sorting parquet files', 'Sorting at scale, for members']));
    const gated = results.find((r) => r.textContent?.includes('Sorting at scale'));
    expect(gated?.querySelector('.badge.locked')?.textContent).toContain('Main');
    expect(html.toLowerCase()).not.toContain(BODY_WORD);
  });

  it('finds nothing by a word of a gated body', async () => {
    const { doc } = await publicPage(`/search?q=${BODY_WORD}`);
    expect(doc.querySelectorAll('[data-testid="search-result"]')).toHaveLength(0);
    expect(doc.querySelector('[data-testid="search-status"]')?.textContent).toContain('0 results');
  });
});

describe('related materials', () => {
  it('are rendered on a material page: published materials sharing its tags, teasers only', async () => {
    const { doc, html } = await publicPage('/materials/sorting-public');
    const related = [...doc.querySelectorAll('[data-testid="related"] .related-title')].map((a) =>
      a.getAttribute('href'),
    );
    expect(related).toEqual(['/materials/sorting-gated']);
    expect(html.toLowerCase()).not.toContain(BODY_WORD);
  });
});

describe('the newsletter archive', () => {
  let admin: SignedIn;
  let id: string;
  beforeAll(async () => {
    admin = await signInDemo('admin');
    const saved = await callFunction(
      'saveNewsletter',
      {
        newsletter: {
          subject: 'Archive test issue',
          preview: 'Sent through the real sender',
          audience: 'everyone',
          materialId: null,
          sections: [
            { access: 'public', markdown: 'Public hello for everyone.' },
            { access: 'main', markdown: `Only main members read ${SECTION_WORD}.` },
          ],
        },
      },
      admin.idToken,
    );
    id = saved.result!.id;
    expect((await callFunction('sendNewsletter', { id, at: null }, admin.idToken)).result).toMatchObject({
      status: 'sending',
    });
    await eventually(
      async () => (await db.doc(`newsletterArchive/${id}`).get()).exists,
      (exists) => exists,
      30_000,
    );
  }, 60_000);

  it('lists a sent issue', async () => {
    const { res, doc } = await publicPage('/newsletters');
    expect(res.status).toBe(200);
    const titles = [...doc.querySelectorAll('.issue-card .card-title a')].map((a) => a.textContent?.trim());
    expect(titles).toContain('Archive test issue');
  });

  it('shows a visitor the public section and a paywall for the main one, never its text', async () => {
    const { res, doc, html } = await publicPage(`/newsletters/${id}`);
    expect(res.status).toBe(200);
    expect(doc.querySelector('h1')?.textContent).toBe('Archive test issue');
    expect(doc.querySelector('[data-testid="issue-section-s00"]')?.textContent).toContain('Public hello');
    expect(doc.querySelector('[data-testid="issue-locked-s01"]')?.textContent).toContain('Main members');
    expect(html).not.toContain(SECTION_WORD);
  });

  it('is in the sitemap; an unknown issue is a 404', async () => {
    const sitemap = await (await fetch(`${SSR}/sitemap.xml`)).text();
    expect(sitemap).toContain(`/newsletters/${id}</loc>`);
    expect((await publicPage('/newsletters/no-such-issue')).res.status).toBe(404);
  });

  it('lets a main member read the main-only section and keeps it from a basic member', async () => {
    const read = async (who: 'basic' | 'main') => {
      const { idToken } = await signInDemo(who);
      return fetch(
        `http://${process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080'}/v1/projects/${PROJECT_ID}/databases/(default)/documents/newsletterArchive/${id}/sections/s01`,
        { headers: { authorization: `Bearer ${idToken}` } },
      );
    };
    const basic = await read('basic');
    expect(basic.status).toBe(403);
    expect(await basic.text()).not.toContain(SECTION_WORD);
    const main = await read('main');
    expect(main.status).toBe(200);
    expect(await main.text()).toContain(SECTION_WORD);
  });
});
