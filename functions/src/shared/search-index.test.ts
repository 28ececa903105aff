import { describe, expect, it } from 'vitest';
import { publicTeaser, type PublicReader } from './public-pages';
import { makeMaterial } from '../testing/factories';
import type { PublicPoll } from './public-polls';
import type { PublicShowcaseProject } from './public-showcase';
import {
  materialSearchDoc,
  pollSearchDoc,
  projectSearchDoc,
  searchDoc,
  searchDocs,
  SEARCH_DOC_FIELDS,
  type SearchDoc,
  type SearchSource,
} from './search-index';

describe('search documents', () => {
  it('keep only the index fields of whatever they are built from', () => {
    const leaky = {
      id: 'material:x',
      kind: 'Article',
      title: 'T',
      summary: 'S',
      tags: ['sql'],
      access: 'main',
      rank: 30,
      url: '/materials/x',
      markdown: 'GATED-BODY-WORD',
      html: '<p>GATED-BODY-WORD</p>',
      descriptionHtml: 'secret',
    } as SearchDoc;
    const doc = searchDoc(leaky);
    expect(Object.keys(doc)).toEqual([...SEARCH_DOC_FIELDS]);
    expect(JSON.stringify(doc)).not.toContain('GATED-BODY-WORD');
  });

  it('make a material findable by title, summary and tags, with its lock and page', () => {
    const { teaser } = makeMaterial('main', { id: 'window-functions', markdown: 'Only members read ZANZIBAR.' });
    const doc = materialSearchDoc(publicTeaser('window-functions', teaser, () => 0));
    expect(JSON.stringify(doc)).not.toContain('ZANZIBAR');
    expect(doc).toMatchObject({
      id: 'material:window-functions',
      title: teaser.title,
      summary: teaser.summary,
      tags: teaser.tags,
      access: 'main',
      rank: 30,
      url: '/materials/window-functions',
    });
  });

  it('make polls and showcase projects findable by their public teaser only', () => {
    const poll = pollSearchDoc({
      id: 'next-topic',
      kind: 'topic',
      question: 'Which topic next?',
      description: 'Vote for the next deep dive',
      access: 'main',
      rank: 30,
      options: [{ id: 'o1', label: 'dbt tests' }],
    } as unknown as PublicPoll);
    expect(poll).toEqual({
      id: 'poll:next-topic',
      kind: 'Poll',
      title: 'Which topic next?',
      summary: 'Vote for the next deep dive',
      tags: [],
      access: 'main',
      rank: 30,
      url: '/polls/next-topic',
    });
    const project = projectSearchDoc({
      id: 'pipeline-doctor',
      title: 'Pipeline doctor',
      summary: 'Finds slow steps',
      authorName: 'Ada',
      images: [],
      access: 'main',
      rank: 30,
      repoUrl: 'https://github.com/example/secret',
    } as unknown as PublicShowcaseProject);
    expect(project).toMatchObject({
      id: 'showcase:pipeline-doctor',
      kind: 'Project',
      url: '/showcase/pipeline-doctor',
    });
    expect(JSON.stringify(project)).not.toContain('secret');
  });

  it('come from every source, in order', async () => {
    const doc = (id: string): SearchDoc => ({
      id,
      kind: 'X',
      title: id,
      summary: '',
      tags: [],
      access: 'public',
      rank: 0,
      url: `/${id}`,
    });
    const sources: SearchSource[] = [async () => [doc('a'), doc('b')], async () => [], async () => [doc('c')]];
    const docs = await searchDocs({} as PublicReader, 0, sources);
    expect(docs.map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });
});
