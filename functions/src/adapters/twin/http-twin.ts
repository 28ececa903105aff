import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A reply of a twin's route: JSON (the vendor's API), HTML (its dev page) or a redirect. */
export type TwinReply =
  { status?: number; json: unknown } | { status?: number; html: string } | { status: 204 } | { redirect: string };

export interface TwinRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function write(res: ServerResponse, reply: TwinReply) {
  if ('redirect' in reply) {
    res.writeHead(303, { location: reply.redirect }).end();
  } else if ('json' in reply) {
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.json));
  } else if ('html' in reply) {
    res.writeHead(reply.status ?? 200, { 'content-type': 'text/html; charset=utf-8' }).end(reply.html);
  } else {
    res.writeHead(204).end();
  }
}

export interface HttpTwin {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A loopback HTTP server handing each whole request to `handle` (the Google Calendar and Luma twins). */
export async function serveTwin(
  options: { port?: number; host?: string },
  handle: (req: TwinRequest) => TwinReply | Promise<TwinReply>,
): Promise<HttpTwin> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const url = new URL(req.url ?? '/', `http://${host}`);
        write(res, await handle({ method: req.method ?? 'GET', url, headers: req.headers, body }));
      } catch (err) {
        const status = (err as { status?: number }).status ?? 500;
        write(res, { status, json: { error: String((err as Error).message) } });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
