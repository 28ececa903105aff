import { describe, expect, it } from 'vitest';
import { PUBLIC_SHOWCASE_FIELDS, publicShowcaseLinks, publicShowcaseProject } from './public-showcase';
import { showcaseDocs, type ShowcaseLinks, type ShowcaseProject } from './showcase';

const input = {
  title: 'Pipeline doctor',
  summary: 'Finds the slow steps of a dbt project and says why.',
  repoUrl: 'https://github.com/ada/pipeline-doctor',
  demoUrl: 'https://doctor.example.com/',
  images: ['https://img.example.com/a.png'],
  access: 'public',
};

describe('publicShowcaseProject', () => {
  it('passes the public fields and no other (extra stored fields included)', () => {
    const { teaser } = showcaseDocs(input, { uid: 'u1', name: 'Ada' }, 0, { submittedAt: 1, updatedAt: 2 });
    const stored = {
      ...teaser,
      status: 'approved',
      approvedAt: 3,
      reason: 'SECRET-REASON',
      secretNote: 'SECRET',
    } as ShowcaseProject<number>;
    const out = publicShowcaseProject('p1', stored, (t) => t * 1000);
    expect(Object.keys(out).sort()).toEqual([...PUBLIC_SHOWCASE_FIELDS, 'id'].sort());
    expect(JSON.stringify(out)).not.toMatch(/SECRET|u1|submittedAt|status/);
    expect(out).toMatchObject({ id: 'p1', approvedAt: 3000, updatedAt: 2000, authorName: 'Ada' });
  });

  it('copies the images, so changing the page data leaves the stored document alone', () => {
    const { teaser } = showcaseDocs(input, { uid: 'u1', name: 'Ada' }, 0, { submittedAt: 1, updatedAt: 2 });
    const out = publicShowcaseProject('p1', teaser, (t) => t);
    out.images.push('x');
    expect(teaser.images).toEqual(input.images);
  });

  it('links: the two URLs only', () => {
    const links = { uid: 'u1', access: 'public', rank: 0, status: 'approved', repoUrl: 'https://r', demoUrl: '', x: 1 };
    expect(publicShowcaseLinks(links as ShowcaseLinks)).toEqual({ repoUrl: 'https://r', demoUrl: '' });
  });
});

describe('showcaseDocs', () => {
  it('both documents agree on author, access, rank and status', () => {
    const { teaser, links } = showcaseDocs({ ...input, access: 'main' }, { uid: 'u9', name: 'Bo' }, 30, {
      submittedAt: 1,
      updatedAt: 1,
    });
    expect([teaser.uid, teaser.access, teaser.rank, teaser.status]).toEqual(['u9', 'main', 30, 'pending']);
    expect([links.uid, links.access, links.rank, links.status]).toEqual(['u9', 'main', 30, 'pending']);
    expect(teaser).not.toHaveProperty('repoUrl');
  });
});
