import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitHubApi, GitHubApiError } from './github-api';
import { startGitHubTwin, type GitHubTwin } from './twin/github-twin';
import { gitHubSignature, verifyGitHubSignature } from './webhook-signature';

// The real adapter at its HTTP boundary, against the twin speaking GitHub's wire format; the twin's push
// delivered to a local receiver that checks it the way githubWebhook does.

const dir = mkdtempSync(join(tmpdir(), 'github-twin-'));
mkdirSync(join(dir, 'course-a', '01-basics'), { recursive: true });
writeFileSync(join(dir, 'course-a', 'course.yaml'), 'slug: course-a\n');
writeFileSync(join(dir, 'course-a', '01-basics', '01-intro.md'), '---\nid: intro\n---\n# Intro\n');
const binary = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]);
writeFileSync(join(dir, 'course-a', '01-basics', 'data.bin'), binary);
writeFileSync(join(dir, '.hidden'), 'not part of the repository');

const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(202).end('{}');
  });
});
let twin: GitHubTwin;

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  twin = await startGitHubTwin({
    repo: 'acme/courses',
    token: 'tok',
    dir,
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    webhookSecret: 'shh',
    retryDelaysMs: [],
  });
});
afterAll(async () => {
  await twin.close();
  receiver.close();
});

const api = (over: Partial<Parameters<typeof gitHubApi>[0]> = {}) =>
  gitHubApi({ repo: 'acme/courses', token: 'tok', apiBase: twin.url, ...over });

describe('gitHubApi against the twin', () => {
  it('lists every file of a commit with git blob shas, and reads each back byte for byte', async () => {
    const commit = twin.commit();
    const files = await api().files(commit);
    expect(files.map((f) => f.path).sort()).toEqual([
      'course-a/01-basics/01-intro.md',
      'course-a/01-basics/data.bin',
      'course-a/course.yaml',
    ]);
    const bin = files.find((f) => f.path.endsWith('data.bin'))!;
    expect(bin.size).toBe(binary.length);
    // The same id `git hash-object` gives, so the twin's shas are GitHub's.
    const gitSha = execFileSync('git', ['hash-object', join(dir, 'course-a', '01-basics', 'data.bin')], {
      encoding: 'utf8',
    }).trim();
    expect(bin.sha).toBe(gitSha);
    expect(await api().blob(bin.sha)).toEqual(binary);
  });

  it('names the same content the same commit, and changed content a new one', () => {
    const before = twin.commit();
    expect(twin.commit()).toBe(before);
    writeFileSync(join(dir, 'course-a', 'course.yaml'), 'slug: course-a\ntitle: changed\n');
    expect(twin.commit()).not.toBe(before);
  });

  it('falls back to walking folder by folder when the recursive tree is truncated', async () => {
    const small = await startGitHubTwin({ repo: 'acme/courses', token: 'tok', dir, maxTreeEntries: 2 });
    try {
      const files = await gitHubApi({ repo: 'acme/courses', token: 'tok', apiBase: small.url }).files(small.commit());
      expect(files).toHaveLength(3);
    } finally {
      await small.close();
    }
  });

  it.each([
    ['a wrong token', { token: 'nope' }, 401, /Bad credentials/],
    ['another repository', { repo: 'acme/other' }, 404, /Not Found/],
  ])('refuses %s with GitHub status and message', async (_, over, status, message) => {
    const err = await api(over)
      .files(twin.commit())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubApiError);
    expect(err).toMatchObject({ status, message: expect.stringMatching(message) as string });
  });

  it('answers 404 for a commit it does not have', async () => {
    await expect(api().files('f'.repeat(40))).rejects.toMatchObject({ status: 404 });
  });

  it('refuses a repository name that is not owner/name', () => {
    expect(() => gitHubApi({ repo: '../x', token: 't' })).toThrow(/owner\/name/);
  });
});

describe('the twin push', () => {
  it("delivers GitHub's push, signed over the raw body", async () => {
    const delivery = await twin.push({ branch: 'main' });
    expect(delivery.status).toBe('delivered');
    const got = received.at(-1)!;
    expect(got.headers['x-github-event']).toBe('push');
    expect(got.headers['x-github-delivery']).toBe(delivery.id);
    expect(verifyGitHubSignature('shh', got.body, got.headers['x-hub-signature-256'] as string)).toBe(true);
    expect(verifyGitHubSignature('other', got.body, got.headers['x-hub-signature-256'] as string)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({
      ref: 'refs/heads/main',
      after: delivery.commit,
      repository: { full_name: 'acme/courses', pushed_at: expect.any(Number) as number },
    });
  });
});

describe('verifyGitHubSignature', () => {
  const body = '{"zen":"Keep it logically awesome."}';
  it.each([
    ['the right signature', 's', gitHubSignature('s', body), true],
    ['another secret', 's', gitHubSignature('t', body), false],
    ['no header', 's', undefined, false],
    ['an empty secret', '', gitHubSignature('', body), false],
    ['a truncated signature', 's', gitHubSignature('s', body).slice(0, 20), false],
    ['sha1 instead', 's', 'sha1=' + 'a'.repeat(40), false],
  ])('%s', (_, secret, header, ok) => expect(verifyGitHubSignature(secret, body, header)).toBe(ok));
});
