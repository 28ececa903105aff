import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from './defaults';
import { archiveDocs, audienceLabel, publicIssue, UNREACHABLE_RANK } from './newsletter-archive';
import { sectionsFor } from './newsletter-view';

const issue = {
  subject: 'March notes',
  preview: 'What we shipped',
  audience: 'everyone',
  sections: [
    { access: 'public', markdown: 'For everyone' },
    { access: 'main', markdown: 'MAIN-ONLY text' },
    { access: 'gone', markdown: 'A tier that no longer exists' },
  ],
};
const render = (md: string) => `<p>${md}</p>`;

describe('archiveDocs', () => {
  const { teaser, sections } = archiveDocs(issue, DEFAULT_TIERS, 7, render);

  it('keeps the text out of the public teaser: subject, preview, date and who each section is for', () => {
    expect(teaser).toEqual({
      subject: 'March notes',
      preview: 'What we shipped',
      audience: 'everyone',
      sentAt: 7,
      sections: [
        { id: 's00', access: 'public', rank: 0 },
        { id: 's01', access: 'main', rank: 30 },
        { id: 's02', access: 'gone', rank: UNREACHABLE_RANK },
      ],
    });
    expect(JSON.stringify(teaser)).not.toContain('MAIN-ONLY');
  });

  it('puts each section, rendered, in a gated document with its access and rank', () => {
    expect(sections.s01).toEqual({ access: 'main', rank: 30, position: 1, html: '<p>MAIN-ONLY text</p>' });
    expect(Object.keys(sections)).toEqual(['s00', 's01', 's02']);
  });

  it('is read per plan with the newsletter’s own sectionsFor', () => {
    const view = (rank: number) =>
      sectionsFor(teaser.sections, rank, DEFAULT_TIERS).map((v) => (v.kind === 'open' ? v.id : `locked:${v.tier?.id}`));
    expect(view(0)).toEqual(['s00', 'locked:main', 'locked:undefined']);
    expect(view(20)).toEqual(['s00', 'locked:main', 'locked:undefined']);
    expect(view(30)).toEqual(['s00', 's01', 'locked:undefined']);
  });

  it('publicIssue copies the teaser field by field', () => {
    const stored = { ...teaser, sentAt: new Date(5), secret: 'x', sections: [{ ...teaser.sections[0]!, html: 'y' }] };
    expect(publicIssue('i', stored, (d) => d.getTime())).toEqual({
      id: 'i',
      subject: 'March notes',
      preview: 'What we shipped',
      audience: 'everyone',
      sentAt: 5,
      sections: [{ id: 's00', access: 'public', rank: 0 }],
    });
  });

  it('says who an issue was sent to', () => {
    expect(audienceLabel(DEFAULT_TIERS, 'everyone')).toBe('Sent to every member');
    expect(audienceLabel(DEFAULT_TIERS, 'main')).toBe('Sent to Main members and up');
  });
});
