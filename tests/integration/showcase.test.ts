// The project showcase through the real callables (submit, edit, withdraw, moderate, refusals) and its public
// pages as the `ssr` function renders them: approved projects only, a gated project's links never in the HTML.
import type { Timestamp } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import type { ShowcaseLinks, ShowcaseProject } from '../../functions/src/shared/showcase';
import { adminSdk, callFunction, clearEmulators, type SignedIn } from '../support/emulators';
import { createMember } from '../support/factories';
import { publicPage } from '../support/public-page';

const { db } = adminSdk();

let admin: SignedIn;
let main: SignedIn;
let other: SignedIn;
let basic: SignedIn;

const project = {
  id: null,
  title: 'Pipeline doctor',
  summary: 'Finds the slow steps of a dbt project and says why.',
  repoUrl: 'https://github.com/ada/pipeline-doctor',
  demoUrl: 'https://doctor.example.com/',
  images: ['https://images.example.com/doctor.png'],
  access: 'public',
};

const read = async (id: string) => ({
  teaser: (await db.doc(`showcase/${id}`).get()).data() as ShowcaseProject<Timestamp> | undefined,
  links: (await db.doc(`showcase/${id}/gated/links`).get()).data() as ShowcaseLinks | undefined,
});

async function submit(who: SignedIn, data: Record<string, unknown> = {}): Promise<string> {
  const res = await callFunction('submitShowcaseProject', { ...project, ...data }, who.idToken);
  expect(res.error).toBeUndefined();
  return res.result!.id;
}

beforeAll(async () => {
  await clearEmulators();
  await db.doc('config/tiers').set(DEFAULT_TIERS);
  admin = await createMember('admin@demo.test', { admin: true });
  main = await createMember('ada@example.com', { tier: 'main' });
  other = await createMember('bo@example.com', { tier: 'premium' });
  basic = await createMember('cy@example.com', { tier: 'basic' });
});

describe('submitting', () => {
  it('a main member submits: pending, both documents agree, the author named', async () => {
    const id = await submit(main);
    const { teaser, links } = await read(id);
    expect(teaser).toMatchObject({ uid: main.uid, authorName: 'ada', status: 'pending', access: 'public', rank: 0 });
    expect(teaser).not.toHaveProperty('repoUrl');
    expect(links).toMatchObject({
      uid: main.uid,
      status: 'pending',
      repoUrl: project.repoUrl,
      demoUrl: project.demoUrl,
    });
  });

  it('a basic member is told which plan submits, and nothing is written', async () => {
    const before = (await db.collection('showcase').get()).size;
    const res = await callFunction('submitShowcaseProject', project, basic.idToken);
    expect(res.error).toMatchObject({ status: 'PERMISSION_DENIED', message: expect.stringContaining('Main') });
    expect((await db.collection('showcase').get()).size).toBe(before);
  });

  it('follows config/showcase: basic may submit once the level is basic', async () => {
    await db.doc('config/showcase').set({ access: 'basic' });
    try {
      const id = await submit(basic, { title: 'Basic project' });
      expect((await read(id)).teaser?.status).toBe('pending');
    } finally {
      await db.doc('config/showcase').delete();
    }
  });

  it('the author edits their pending one; another member cannot', async () => {
    const id = await submit(main);
    await submit(main, { id, title: 'Pipeline doctor 2', access: 'main' });
    const { teaser, links } = await read(id);
    expect(teaser).toMatchObject({ title: 'Pipeline doctor 2', access: 'main', rank: 30, status: 'pending' });
    expect(links).toMatchObject({ access: 'main', rank: 30 });
    const res = await callFunction('submitShowcaseProject', { ...project, id }, other.idToken);
    expect(res.error?.status).toBe('NOT_FOUND');
    expect((await read(id)).teaser?.title).toBe('Pipeline doctor 2');
  });

  it('refuses a visitor', async () => {
    const res = await callFunction('submitShowcaseProject', project);
    expect(res.error?.status).toBe('UNAUTHENTICATED');
  });
});

describe('withdrawing and moderating', () => {
  it('the author withdraws a pending one, which then cannot be edited or approved', async () => {
    const id = await submit(main);
    expect((await callFunction('withdrawShowcaseProject', { id }, other.idToken)).error?.status).toBe('NOT_FOUND');
    expect((await callFunction('withdrawShowcaseProject', { id }, main.idToken)).result).toEqual({ id });
    expect((await read(id)).teaser?.status).toBe('withdrawn');
    expect((await read(id)).links?.status).toBe('withdrawn');
    const edit = await callFunction('submitShowcaseProject', { ...project, id }, main.idToken);
    expect(edit.error?.status).toBe('FAILED_PRECONDITION');
    const approve = await callFunction(
      'moderateShowcaseProject',
      { id, decision: 'approve', reason: '' },
      admin.idToken,
    );
    expect(approve.error?.status).toBe('FAILED_PRECONDITION');
  });

  it('only admins moderate; approving sets approvedAt on the teaser and the status on both', async () => {
    const id = await submit(main);
    const denied = await callFunction('moderateShowcaseProject', { id, decision: 'approve', reason: '' }, main.idToken);
    expect(denied.error?.status).toBe('PERMISSION_DENIED');
    const res = await callFunction('moderateShowcaseProject', { id, decision: 'approve', reason: '' }, admin.idToken);
    expect(res.result).toEqual({ id, status: 'approved' });
    const { teaser, links } = await read(id);
    expect(teaser?.status).toBe('approved');
    expect(teaser?.approvedAt).not.toBeNull();
    expect(links?.status).toBe('approved');
    // Approved: the author can no longer edit or withdraw it.
    expect((await callFunction('withdrawShowcaseProject', { id }, main.idToken)).error?.status).toBe(
      'FAILED_PRECONDITION',
    );
  });

  it('a rejection keeps its reason; an approved project can be taken down', async () => {
    const id = await submit(main);
    await callFunction('moderateShowcaseProject', { id, decision: 'approve', reason: '' }, admin.idToken);
    const res = await callFunction(
      'moderateShowcaseProject',
      { id, decision: 'reject', reason: 'The repository is private' },
      admin.idToken,
    );
    expect(res.result).toEqual({ id, status: 'rejected' });
    expect((await read(id)).teaser).toMatchObject({ status: 'rejected', reason: 'The repository is private' });
  });
});

describe('public pages', () => {
  let publicId: string;
  let gatedId: string;

  beforeAll(async () => {
    publicId = await submit(main, { title: 'Public SSR project' });
    gatedId = await submit(other, {
      title: 'Gated SSR project',
      access: 'premium',
      repoUrl: 'https://github.com/bo/GATED-REPO-URL',
      demoUrl: 'https://GATED-DEMO.example.com/',
    });
    for (const id of [publicId, gatedId])
      await callFunction('moderateShowcaseProject', { id, decision: 'approve', reason: '' }, admin.idToken);
    await submit(main, { title: 'PENDING-PROJECT-TITLE' });
  });

  it('/showcase lists approved projects only', async () => {
    const { res, html, doc } = await publicPage('/showcase');
    expect(res.status).toBe(200);
    expect(doc.title).toBe('Showcase · Commons');
    expect(html).toContain('Public SSR project');
    expect(html).toContain('Gated SSR project');
    expect(html).not.toContain('PENDING-PROJECT-TITLE');
    expect(html).not.toMatch(/GATED-REPO-URL|GATED-DEMO/);
  });

  it('a public project page carries title, OG tags, JSON-LD and its links', async () => {
    const { res, doc, meta, jsonLd } = await publicPage(`/showcase/${publicId}`);
    expect(res.status).toBe(200);
    expect(doc.querySelector('h1')?.textContent).toBe('Public SSR project');
    expect(meta('og:title')).toBe('Public SSR project');
    expect(meta('og:image')).toBe(project.images[0]);
    expect(jsonLd()).toMatchObject({
      '@type': 'SoftwareSourceCode',
      name: 'Public SSR project',
      codeRepository: project.repoUrl,
      author: { '@type': 'Person', name: 'ada' },
    });
    expect(doc.querySelector('[data-testid="showcase-repo"]')?.getAttribute('href')).toBe(project.repoUrl);
  });

  it('a gated project page shows the teaser, never its links', async () => {
    const { res, html, doc, jsonLd } = await publicPage(`/showcase/${gatedId}`);
    expect(res.status).toBe(200);
    expect(doc.querySelector('h1')?.textContent).toBe('Gated SSR project');
    expect(html).not.toMatch(/GATED-REPO-URL|GATED-DEMO/);
    expect(jsonLd()).not.toHaveProperty('codeRepository');
  });

  it('404 for a pending project and for no such project', async () => {
    const pending = (await db.collection('showcase').where('title', '==', 'PENDING-PROJECT-TITLE').get()).docs[0]!;
    expect((await publicPage(`/showcase/${pending.id}`)).res.status).toBe(404);
    expect((await publicPage('/showcase/no-such-project')).res.status).toBe(404);
  });

  it('the sitemap lists the showcase and approved projects', async () => {
    const { html } = await publicPage('/sitemap.xml');
    expect(html).toContain(`/showcase/${publicId}</loc>`);
    expect(html).toContain('/links</loc>');
  });
});
