import { describe, expect, it } from 'vitest';
import { matchesMemberSearch, memberSearchKey, memberSearchKeys } from './member-search';

describe('member search keys', () => {
  const keys = memberSearchKeys('Ada.Lovelace@Example.com', 'Ada Lövelace-Byron');

  it.each([
    ['a word of the name', 'lovelace'],
    ['part of the last name, accents folded', 'Löve'],
    ['another word of the name', 'byron'],
    ['the start of the address, any case', 'ADA.LO'],
    ['the whole address', 'ada.lovelace@example.com'],
    ['a name in capitals', 'BYR'],
  ])('finds the member by %s', (_what, query) => {
    const key = memberSearchKey(query);
    expect(key).not.toBeNull();
    expect(keys).toContain(key);
    expect(matchesMemberSearch({ email: 'Ada.Lovelace@Example.com', name: 'Ada Lövelace-Byron' }, query)).toBe(true);
  });

  it.each([
    ['the middle of the address', 'lovelace@'],
    ['a name word that is not there', 'babbage'],
    ['the domain', 'example.com'],
  ])('does not find the member by %s', (_what, query) => {
    expect(keys).not.toContain(memberSearchKey(query));
  });

  it('uses the longest word of a many-word search and narrows by the others', () => {
    expect(memberSearchKey('ada lovel')).toBe('lovel');
    expect(matchesMemberSearch({ email: 'x@y.z', name: 'Ada Lovelace' }, 'ada lovel')).toBe(true);
    expect(matchesMemberSearch({ email: 'x@y.z', name: 'Ada Byron' }, 'ada lovel')).toBe(false);
  });

  it('has nothing to search for blanks', () => {
    expect(memberSearchKey('   ')).toBeNull();
    expect(memberSearchKey('!!')).toBeNull();
  });

  it('bounds the keys of a long name and address', () => {
    const many = memberSearchKeys(`${'a'.repeat(200)}@example.com`, 'word '.repeat(100) + 'x'.repeat(300));
    expect(many.length).toBeLessThanOrEqual(64 + 200);
  });
});
