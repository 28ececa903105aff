import type { AddressInfo } from 'node:net';
import express from 'express';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { callable, type CallContext } from './callable';

// The wrapper's compile-time contract: a schema must accept exactly what shared/callables.ts says the
// web sends. These lines only compile while that check works.
describe('callable()', () => {
  it('accepts a schema whose input is the contract request', () => {
    const fn = callable(
      'revokeComplimentary',
      { schema: z.object({ uid: z.string() }).strict(), caller: 'admin' },
      async ({ uid }) => ({ uid, tier: 'x' }),
    );
    expect(typeof fn).toBe('function');
  });

  it('refuses, at compile time, a schema that disagrees with the contract', () => {
    callable(
      'revokeComplimentary',
      // @ts-expect-error the contract sends { uid }, this schema wants an email
      { schema: z.object({ email: z.string() }).strict(), caller: 'admin' },
      async () => ({ uid: 'u', tier: 'x' }),
    );
    callable(
      'revokeComplimentary',
      // @ts-expect-error a schema that needs more than the contract sends (a note) is refused too
      { schema: z.object({ uid: z.string(), note: z.string() }).strict(), caller: 'admin' },
      async () => ({ uid: 'u', tier: 'x' }),
    );
    callable(
      'revokeComplimentary',
      { schema: z.object({ uid: z.string() }).strict(), caller: 'admin' },
      // @ts-expect-error the response must match the contract too
      async () => ({ uid: 'u' }),
    );
  });
});

// The wrapper at run time, through the real onCall handler over HTTP (express, as Cloud Functions serves it).
describe('callable() over HTTP: App Check and the client', () => {
  const seen: CallContext<'anyone'>[] = [];
  /** A public callable built while ENFORCE_APP_CHECK is `enforce` (onCall reads the param when it is made). */
  function build(enforce: 'true' | 'false', appCheck: boolean) {
    const before = process.env.ENFORCE_APP_CHECK;
    process.env.ENFORCE_APP_CHECK = enforce;
    try {
      return callable(
        'subscribeVisitor',
        { schema: z.object({ email: z.string() }).strict(), caller: 'anyone', appCheck },
        async (_input, context) => {
          seen.push(context);
          return { message: 'ok' };
        },
      );
    } finally {
      if (before === undefined) delete process.env.ENFORCE_APP_CHECK;
      else process.env.ENFORCE_APP_CHECK = before;
    }
  }

  async function call(fn: ReturnType<typeof build>, headers: Record<string, string> = {}) {
    const app = express();
    app.use(express.json());
    app.post('/', (req, res) => fn(req as Parameters<typeof fn>[0], res));
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ data: { email: 'a@example.com' } }),
      });
      return { status: res.status, body: (await res.json()) as { result?: unknown; error?: { status: string } } };
    } finally {
      server.close();
    }
  }

  it('refuses a call without an App Check token where the callable opts in and enforcement is on', async () => {
    seen.length = 0;
    const res = await call(build('true', true));
    expect(res.status).toBe(401);
    expect(res.body.error?.status).toBe('UNAUTHENTICATED');
    expect(seen).toHaveLength(0);
  });

  it.each([
    ['enforcement off (the demo project)', 'false', true],
    ['a callable that does not opt in', 'true', false],
  ] as const)('lets a call without a token through with %s', async (_what, enforce, appCheck) => {
    seen.length = 0;
    const res = await call(build(enforce, appCheck), { 'x-forwarded-for': '1.2.3.4, 203.0.113.9' });
    expect(res).toEqual({ status: 200, body: { result: { message: 'ok' } } });
    // The handler sees the address Google's front end appended, not what the caller wrote first.
    expect(seen[0]?.client).toEqual({ address: '203.0.113.9', appId: undefined });
  });
});
