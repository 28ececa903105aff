import { describe, expect, it } from 'vitest';
import type { FeedEntry } from '../shared/notifications';
import { DEFAULT_TIERS } from '../shared/defaults';
import { courseNews, entryOf, eventNews, feedTiersFor, materialNews, pollNews, pushEntry } from './notification-feed';

const entry = (key: string, at = 0): FeedEntry<number> => ({
  key,
  kind: 'material',
  refId: key,
  title: key,
  summary: '',
  url: `/materials/${key}`,
  access: 'main',
  createdAt: at,
});

describe('pushEntry', () => {
  it('puts a new entry in front', () => {
    const { entries, added } = pushEntry([entry('a', 1)], entry('b', 2));
    expect(added).toBe(true);
    expect(entries.map((e) => e.key)).toEqual(['b', 'a']);
  });

  it('changes nothing when the key is already there, wherever it is', () => {
    const feed = [entry('c'), entry('b'), entry('a')];
    const { entries, added } = pushEntry(feed, { ...entry('a', 9), title: 'again' });
    expect(added).toBe(false);
    expect(entries).toEqual(feed);
  });

  it('keeps at most max entries, dropping the oldest', () => {
    const feed = Array.from({ length: 5 }, (_, i) => entry(`k${4 - i}`));
    const { entries } = pushEntry(feed, entry('new'), 5);
    expect(entries.map((e) => e.key)).toEqual(['new', 'k4', 'k3', 'k2', 'k1']);
  });

  it('caps at FEED_MAX_ENTRIES by default', () => {
    let feed: FeedEntry<number>[] = [];
    for (let i = 0; i < 130; i++) feed = pushEntry(feed, entry(`k${i}`, i)).entries;
    expect(feed).toHaveLength(100);
    expect(feed[0]?.key).toBe('k129');
    expect(feed.at(-1)?.key).toBe('k30');
  });
});

describe('feedTiersFor', () => {
  it.each([
    ['public', ['free', 'basic', 'main', 'premium']],
    ['free', ['free', 'basic', 'main', 'premium']],
    ['main', ['main', 'premium']],
    ['premium', ['premium']],
    ['nope', []],
    ['constructor', []],
  ])('%s reaches %j', (access, ids) => {
    expect(feedTiersFor(DEFAULT_TIERS, access).map((t) => t.id)).toEqual(ids);
  });
});

describe('materialNews', () => {
  const teaser = { status: 'published', kind: 'article', title: 'T', summary: 'S', access: 'main' };
  it.each([
    ['created published', undefined, teaser, 'material'],
    ['draft to published', { status: 'draft' }, teaser, 'material'],
    ['a recording', { status: 'draft' }, { ...teaser, kind: 'recording' }, 'recording'],
    ['edited while published', { status: 'published' }, teaser, null],
    ['a draft', undefined, { ...teaser, status: 'draft' }, null],
    ['deleted', teaser, undefined, null],
  ])('%s', (_label, before, after, kind) => {
    expect(materialNews('m1', before, after)?.kind ?? null).toBe(kind);
  });

  it('keys by kind and id, links into the app', () => {
    const item = materialNews('m1', undefined, teaser)!;
    expect(entryOf(item, 5)).toMatchObject({ key: 'material_m1', url: '/materials/m1', access: 'main', createdAt: 5 });
  });
});

describe('eventNews and pollNews', () => {
  const now = new Date('2027-01-01T00:00:00Z');
  it('announces an upcoming event once published, not a past one', () => {
    const ev = { status: 'published', title: 'E', summary: '', access: 'basic', endAt: new Date('2027-02-01') };
    expect(eventNews('e1', { status: 'draft' }, ev, now)?.url).toBe('/events/e1');
    expect(eventNews('e1', undefined, { ...ev, endAt: new Date('2026-12-01') }, now)).toBeNull();
    expect(eventNews('e1', { status: 'published' }, ev, now)).toBeNull();
  });

  it('announces a poll when it opens', () => {
    const poll = { status: 'open', question: 'Q?', description: '', access: 'main' };
    expect(pollNews('p1', { status: 'draft' }, poll)?.title).toBe('Q?');
    expect(pollNews('p1', { status: 'open' }, poll)).toBeNull();
    expect(pollNews('p1', { status: 'open' }, { ...poll, status: 'closed' })).toBeNull();
  });
});

describe('courseNews', () => {
  const units = (...ids: string[]) => [
    { id: 'm', title: 'M', homework: [], units: ids.map((id) => ({ id, title: `U ${id}` })) },
  ];
  const course = (ids: string[], status = 'published') =>
    ({ status, title: 'Course', summary: 'S', access: 'premium', syllabus: units(...ids) }) as never;

  it('a first sync of a whole course is one entry for the course', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `u${i}`);
    expect(courseNews('c', undefined, course(ids))).toMatchObject({
      refId: 'c',
      url: '/courses/c',
      title: 'New course: Course',
    });
  });

  it('one new unit in a published course names it', () => {
    expect(courseNews('c', course(['a']), course(['a', 'b']))).toMatchObject({
      refId: 'c~b',
      url: '/courses/c/units/b',
      title: 'New unit in Course: U b',
    });
  });

  it('several new units are one entry with their count, keyed by them', () => {
    const item = courseNews('c', course(['a']), course(['a', 'b', 'c']))!;
    expect(item.title).toBe('2 new units in Course');
    expect(courseNews('c', course(['a']), course(['a', 'b', 'c']))!.refId).toBe(item.refId);
    expect(courseNews('c', course(['a']), course(['a', 'b', 'd']))!.refId).not.toBe(item.refId);
  });

  it('no news for an edit without new units, an archived course or a removed unit', () => {
    expect(courseNews('c', course(['a', 'b']), course(['a', 'b']))).toBeNull();
    expect(courseNews('c', course(['a', 'b']), course(['a']))).toBeNull();
    expect(courseNews('c', course(['a']), course(['a', 'b'], 'archived'))).toBeNull();
  });
});
