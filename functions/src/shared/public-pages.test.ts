import { describe, expect, it } from 'vitest';
import { makeMaterial, makeRecording } from '../testing/factories';
import { materialDocs } from './materials';
import { inlineJson, PUBLIC_TEASER_FIELDS, publicTeaser } from './public-pages';

describe('publicTeaser', () => {
  const stored = {
    ...makeMaterial('main').teaser,
    publishedAt: 1000,
    updatedAt: 2000,
    // What a public page must never carry, were it ever stored on a teaser by mistake.
    markdown: 'the gated body',
    files: [{ name: 'x', path: 'media/x', size: 1, contentType: 'text/plain' }],
  };

  it('keeps the public fields only, with the id and converted times', () => {
    const teaser = publicTeaser('intro', stored, (t: number) => `t${t}`);
    const recordingOnly = ['eventId', 'durationSeconds', 'chapters', 'source', 'url'];
    expect(Object.keys(teaser).sort()).toEqual(
      [...PUBLIC_TEASER_FIELDS, 'id'].filter((f) => !recordingOnly.includes(f)).sort(),
    );
    expect(teaser).toMatchObject({ id: 'intro', title: 'A main article', publishedAt: 't1000', updatedAt: 't2000' });
    expect(JSON.stringify(teaser)).not.toContain('gated body');
    expect(JSON.stringify(teaser)).not.toContain('searchKeys');
  });

  it("keeps a recording's event, duration and chapters (never its transcript or files)", () => {
    const { teaser: rec, body } = makeRecording('main');
    const stored = { ...rec, publishedAt: 1000, updatedAt: 2000, ...body };
    const out = publicTeaser('rec-ev-main', stored, (t: number) => t);
    const linkOnly = ['source', 'url'];
    expect(Object.keys(out).sort()).toEqual(
      [...PUBLIC_TEASER_FIELDS, 'id'].filter((f) => !linkOnly.includes(f)).sort(),
    );
    expect(out.chapters).toEqual(rec.chapters);
    expect(JSON.stringify(out)).not.toContain('Secret transcript words');
    expect(JSON.stringify(out)).not.toContain('video.mp4');
  });

  it("a link: its source always, its URL only when public (a gated link's URL stays in the body)", () => {
    const input = {
      id: 'a-link',
      kind: 'link' as const,
      title: 'A good read',
      summary: 'Why it is worth reading, briefly.',
      tags: [],
      status: 'published' as const,
      author: '',
      markdown: 'Because.',
      files: [],
      source: 'Some Site',
      url: 'https://GATED-LINK.example.com/',
    };
    const times = { publishedAt: 1000, updatedAt: 2000 };
    const gated = materialDocs({ ...input, access: 'main' }, 30, times);
    expect(gated.teaser).not.toHaveProperty('url');
    expect(gated.body.url).toBe(input.url);
    const out = publicTeaser('a-link', gated.teaser, (t: number) => t);
    expect(out.source).toBe('Some Site');
    expect(JSON.stringify(out)).not.toContain('GATED-LINK');
    // Even a gated teaser that carried the URL by mistake does not pass it.
    expect(JSON.stringify(publicTeaser('a-link', { ...gated.teaser, url: input.url }, (t: number) => t))).not.toContain(
      'GATED-LINK',
    );
    const open = materialDocs({ ...input, access: 'public' }, 0, times);
    expect(publicTeaser('a-link', open.teaser, (t: number) => t).url).toBe(input.url);
  });

  it('keeps a draft time as null', () => {
    expect(publicTeaser('d', { ...stored, publishedAt: null }, (t: number) => t).publishedAt).toBeNull();
  });
});

describe('inlineJson', () => {
  it('escapes < so the JSON cannot end its script element', () => {
    const text = inlineJson({ title: '</script><script>alert(1)</script><!--' });
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual({ title: '</script><script>alert(1)</script><!--' });
  });
});
