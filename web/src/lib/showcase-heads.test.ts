import { describe, expect, it } from 'vitest';
import type { PublicShowcaseProject } from '@shared/public-showcase';
import { linksHead } from './public-heads';
import { showcaseHead, showcaseProjectHead } from './showcase-heads';

const ORIGIN = 'https://commons.example';
const project = (over: Partial<PublicShowcaseProject> = {}): PublicShowcaseProject => ({
  id: 'doctor',
  title: 'Pipeline doctor',
  summary: 'Finds the slow steps',
  images: ['https://img.example.com/a.png'],
  authorName: 'Ada',
  access: 'public',
  rank: 0,
  approvedAt: Date.UTC(2027, 0, 2),
  updatedAt: Date.UTC(2027, 0, 3),
  ...over,
});

describe('showcaseProjectHead', () => {
  it('a public project: SoftwareSourceCode with its repository, demo, author and image', () => {
    const head = showcaseProjectHead(ORIGIN, {
      project: project(),
      links: { repoUrl: 'https://github.com/ada/doctor', demoUrl: 'https://demo.example.com/' },
    });
    expect(head).toMatchObject({ title: 'Pipeline doctor', path: '/showcase/doctor', image: project().images[0] });
    expect(head.jsonLd).toMatchObject({
      '@type': 'SoftwareSourceCode',
      url: `${ORIGIN}/showcase/doctor`,
      codeRepository: 'https://github.com/ada/doctor',
      sameAs: 'https://demo.example.com/',
      author: { '@type': 'Person', name: 'Ada' },
      datePublished: '2027-01-02T00:00:00.000Z',
      isAccessibleForFree: true,
    });
  });

  it('a gated project: no repository, no demo, not free; the default card without images', () => {
    const head = showcaseProjectHead(ORIGIN, {
      project: project({ rank: 30, access: 'main', images: [] }),
      links: null,
    });
    expect(head.jsonLd).not.toHaveProperty('codeRepository');
    expect(head.jsonLd).not.toHaveProperty('sameAs');
    expect(head.jsonLd).toMatchObject({ isAccessibleForFree: false });
    expect(head.image).toBeUndefined();
  });
});

describe('listing heads', () => {
  it('the showcase lists its projects in order', () => {
    const head = showcaseHead(ORIGIN, [project(), project({ id: 'b', title: 'B' })]);
    expect(head.jsonLd).toMatchObject({
      itemListElement: [
        { position: 1, url: `${ORIGIN}/showcase/doctor` },
        { position: 2, url: `${ORIGIN}/showcase/b`, name: 'B' },
      ],
    });
  });

  it('the links point at their pages on this site', () => {
    const head = linksHead(ORIGIN, [{ id: 'good-read', title: 'A good read' }]);
    expect(JSON.stringify(head.jsonLd)).toContain(`${ORIGIN}/materials/good-read`);
  });
});
