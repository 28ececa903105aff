import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { httpHandler, linkParams } from './http';

/** Just enough of express's request and response for the handler. */
function exchange(req: { method: string; query?: object; body?: unknown; rawBody?: Buffer }) {
  const sent: { status: number; body: unknown; headers: Record<string, string> } = {
    status: 200,
    body: null,
    headers: {},
  };
  const res = {
    headersSent: false,
    set: (k: string, v: string) => ((sent.headers[k] = v), res),
    status: (s: number) => ((sent.status = s), res),
    json: (b: unknown) => ((sent.body = b), res),
  };
  return { req: { query: {}, ...req } as unknown as Request, res: res as unknown as Response, sent };
}

const spec = { methods: ['GET', 'POST'], maxBodyBytes: 10, schema: z.object({ u: z.string().max(5) }).strict() };

describe('httpHandler', () => {
  it('runs the handler with the parsed parameters', async () => {
    const handler = vi.fn(async () => {});
    const { req, res } = exchange({ method: 'GET', query: { u: 'abc' } });
    await httpHandler('t', spec, handler)(req, res);
    expect(handler).toHaveBeenCalledWith({ u: 'abc' }, req, res);
  });

  it.each([
    ['a wrong method', { method: 'PUT', query: { u: 'a' } }, 405, /GET or POST/],
    ['a large body', { method: 'POST', query: { u: 'a' }, rawBody: Buffer.alloc(11) }, 413, /at most 10 bytes/],
    ['a bad field', { method: 'GET', query: { u: ['a', 'b'] } }, 400, /^u: /],
    ['an unknown field', { method: 'GET', query: { u: 'a', admin: '1' } }, 400, /admin/],
  ])('refuses %s before the handler runs', async (_what, request, status, message) => {
    const handler = vi.fn(async () => {});
    const { req, res, sent } = exchange(request);
    await httpHandler('t', spec, handler)(req, res);
    expect(handler).not.toHaveBeenCalled();
    expect(sent.status).toBe(status);
    expect((sent.body as { error: string }).error).toMatch(message);
  });

  it('answers 500 when the handler throws', async () => {
    const { req, res, sent } = exchange({ method: 'GET', query: { u: 'a' } });
    await httpHandler('t', spec, () => Promise.reject(new Error('boom')))(req, res);
    expect(sent.status).toBe(500);
  });

  it('reads a link from its query first, then a POSTed form, never from raw bytes', () => {
    const form = exchange({ method: 'POST', query: { u: 'q' }, body: { u: 'f', from: 'page' } }).req;
    expect(linkParams(form)).toEqual({ u: 'q', from: 'page' });
    expect(linkParams(exchange({ method: 'POST', body: Buffer.from('u=x') }).req)).toEqual({});
  });
});
