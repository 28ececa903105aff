import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import * as crypto from 'node:crypto';
import { parseTokenKeys, rotateTokenKeys, signLinkToken, verifyLinkToken } from './link-tokens';

vi.mock('node:crypto', async (original) => {
  const real = await original<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const V1 = '1:first-secret';
const V2_V1 = '2:second-secret,1:first-secret';
const V2 = '2:second-secret';
const verify = (token: unknown, setting: string, subject = 'u1') =>
  verifyLinkToken('unsubscribe', subject, token, setting);

describe('parseTokenKeys', () => {
  it('reads a versioned list, newest first whatever the order written', () => {
    expect(parseTokenKeys(' 1:a,3:c:with:colons , 2:b ')).toEqual([
      { version: 3, secret: 'c:with:colons' },
      { version: 2, secret: 'b' },
      { version: 1, secret: 'a' },
    ]);
  });

  it('reads a bare secret (the format before versions) as version 1', () => {
    expect(parseTokenKeys('demo-unsubscribe-secret')).toEqual([{ version: 1, secret: 'demo-unsubscribe-secret' }]);
    // as stored, trailing newline included: that is the key old links were signed with
    expect(parseTokenKeys('old-secret\n')).toEqual([{ version: 1, secret: 'old-secret\n' }]);
  });

  it.each([
    ['', 'is not set'],
    ['2:a,b', 'entry 2'],
    ['2:a,,1:b', 'entry 2'],
    ['0:a', 'entry 1'],
    ['01:a', 'entry 1'],
    ['2:', 'entry 1'],
    ['2:a,2:b', 'listed twice'],
  ])('refuses %j (%s) without echoing the secret', (value, message) => {
    expect(() => parseTokenKeys(value)).toThrow(message);
    expect(() => parseTokenKeys(value)).not.toThrow(/:a|:b/);
  });
});

describe('signLinkToken / verifyLinkToken', () => {
  it('signs with the newest version and verifies against any listed version', () => {
    const token = signLinkToken('unsubscribe', 'u1', V2_V1);
    expect(token).toMatch(/^v2\.[A-Za-z0-9_-]{43}$/);
    expect(token.slice(3)).toBe(createHmac('sha256', 'second-secret').update('unsubscribe:u1').digest('base64url'));
    expect(verify(token, V2_V1)).toBe(true);
    expect(verify(token, V2)).toBe(true);
  });

  it('accepts a v1 token while version 1 is listed and refuses it once it is dropped', () => {
    const old = signLinkToken('unsubscribe', 'u1', V1);
    expect(old.startsWith('v1.')).toBe(true);
    expect(verify(old, V2_V1)).toBe(true);
    expect(verify(old, V2)).toBe(false);
  });

  it('treats a token without a version (sent before versions) as version 1', () => {
    const legacy = createHmac('sha256', 'first-secret').update('unsubscribe:u1').digest('base64url');
    expect(verify(legacy, 'first-secret')).toBe(true);
    expect(verify(legacy, V2_V1)).toBe(true);
    expect(verify(legacy, V2)).toBe(false);
  });

  it('binds the token to its purpose, subject and key', () => {
    const token = signLinkToken('unsubscribe', 'u1', V2_V1);
    expect(verify(token, V2_V1, 'u2')).toBe(false);
    expect(verifyLinkToken('confirm', 'u1', token, V2_V1)).toBe(false);
    expect(verify(token, '2:another-secret')).toBe(false);
    // the same signature claimed under another listed version
    expect(verify(token.replace(/^v2/, 'v1'), V2_V1)).toBe(false);
  });

  it.each([
    ['a missing version number', (t: string) => t.replace(/^v2/, 'v')],
    ['version 0', (t: string) => t.replace(/^v2/, 'v0')],
    ['a zero-padded version', (t: string) => t.replace(/^v2/, 'v02')],
    ['a negative version', (t: string) => t.replace(/^v2/, 'v-2')],
    ['a letter for a version', (t: string) => t.replace(/^v2/, 'vx')],
    ['an unlisted version', (t: string) => t.replace(/^v2/, 'v3')],
    ['no dot', (t: string) => t.replace(/^v2\./, 'v2')],
    ['a short signature', (t: string) => t.slice(0, -1)],
    ['a long signature', (t: string) => `${t}A`],
    ['non-ASCII characters', (t: string) => `${t.slice(0, -2)}ü`],
  ])('refuses a token with %s', (_name, mangle) => {
    expect(verify(mangle(signLinkToken('unsubscribe', 'u1', V2_V1)), V2_V1)).toBe(false);
  });

  it('refuses tokens that are not strings', () => {
    for (const token of [undefined, null, 42, ['v2.x'], {}]) expect(verify(token, V2_V1)).toBe(false);
  });

  it('compares signatures in constant time', () => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    const token = signLinkToken('unsubscribe', 'u1', V2_V1);
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(verify(wrong, V2_V1)).toBe(false);
    expect(verify(token, V2_V1)).toBe(true);
    expect(compare).toHaveBeenCalledTimes(2);
  });

  it('refuses to sign or verify without keys', () => {
    expect(() => signLinkToken('unsubscribe', 'u1', '')).toThrow('UNSUBSCRIBE_SECRET is not set');
    expect(() => verify('v1.x', ' ')).toThrow('UNSUBSCRIBE_SECRET is not set');
  });
});

describe('rotateTokenKeys', () => {
  it('puts a new key one version above the newest and keeps the previous one', () => {
    expect(rotateTokenKeys(V2_V1, 1, 'third')).toBe('3:third,2:second-secret');
    expect(rotateTokenKeys(V2_V1, 2, 'third')).toBe('3:third,2:second-secret,1:first-secret');
    expect(rotateTokenKeys(V2_V1, 0, 'third')).toBe('3:third');
  });

  it('turns a bare secret into version 1 of the list, and starts a list from nothing', () => {
    expect(rotateTokenKeys('old-secret', 1, 'new')).toBe('2:new,1:old-secret');
    expect(rotateTokenKeys('', 1, 'new')).toBe('1:new');
  });

  it('makes a random 32-byte key by default, different each time, that signs and verifies', () => {
    const a = rotateTokenKeys(V1);
    const b = rotateTokenKeys(V1);
    expect(a).toMatch(/^2:[A-Za-z0-9_-]{43},1:first-secret$/);
    expect(a).not.toBe(b);
    expect(verify(signLinkToken('unsubscribe', 'u1', V1), a)).toBe(true);
  });

  it('refuses a bad keep count and a list it could not write back', () => {
    expect(() => rotateTokenKeys(V1, -1)).toThrow('keep');
    expect(() => rotateTokenKeys(V1, 1.5)).toThrow('keep');
    expect(() => rotateTokenKeys('old,secret', 1, 'new')).toThrow('comma');
    expect(() => rotateTokenKeys('old-secret\n', 1, 'new')).toThrow('whitespace');
  });
});
