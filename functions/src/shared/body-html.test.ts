import { describe, expect, it } from 'vitest';
import { bodyHtmlState, markdownHash } from './body-html';

describe('markdownHash', () => {
  it('is stable and tells edits apart', () => {
    expect(markdownHash('# A')).toBe(markdownHash('# A'));
    expect(markdownHash('# A')).not.toBe(markdownHash('# B'));
    expect(markdownHash('ab')).not.toBe(markdownHash('ba'));
    expect(markdownHash('')).toMatch(/^[0-9a-f]{16}:0$/);
  });
});

describe('bodyHtmlState', () => {
  it('is fresh only when the HTML was rendered from this markdown', () => {
    expect(bodyHtmlState({ markdown: 'x', html: '<p>x</p>', htmlOf: markdownHash('x') })).toEqual({
      html: '<p>x</p>',
      fresh: true,
    });
    expect(bodyHtmlState({ markdown: 'y', html: '<p>x</p>', htmlOf: markdownHash('x') })).toEqual({
      html: '<p>x</p>',
      fresh: false,
    });
    expect(bodyHtmlState({ markdown: 'x' })).toEqual({ html: '', fresh: false });
  });
});
