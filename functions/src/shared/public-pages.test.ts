import { describe, expect, it } from 'vitest';
import { makeMaterial, makeRecording } from '../testing/factories';
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
    const recordingOnly = ['eventId', 'durationSeconds', 'chapters'];
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
    expect(Object.keys(out).sort()).toEqual([...PUBLIC_TEASER_FIELDS, 'id'].sort());
    expect(out.chapters).toEqual(rec.chapters);
    expect(JSON.stringify(out)).not.toContain('Secret transcript words');
    expect(JSON.stringify(out)).not.toContain('video.mp4');
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
