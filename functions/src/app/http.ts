import { logger } from 'firebase-functions';
import type { Request } from 'firebase-functions/v2/https';
import type { Response } from 'express';
import type { z } from 'zod';
import { describeIssues } from '../shared/validation';

/** What an HTTP function accepts, checked before its handler runs. */
export interface HttpSpec<S extends z.ZodType> {
  /** Allowed methods; anything else gets 405 with an `Allow` header. */
  methods: readonly string[];
  /** Largest body; a bigger one gets 413. */
  maxBodyBytes: number;
  /** The request's parameters as one object (`params`), validated whole; a failure gets 400 naming the field. */
  schema: S;
  /** Which parameters: the query string unless said otherwise (form fields, the path). */
  params?: (req: Request) => unknown;
}

/** The fields of a parsed form or JSON body; nothing for raw bytes. */
function bodyFields(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Buffer.isBuffer(body) ? (body as Record<string, unknown>) : {};
}

/** The parameters of a link in an email: its query, plus the form fields when a page or mail client POSTs it. */
export const linkParams = (req: Request): Record<string, unknown> => ({ ...bodyFields(req), ...req.query });

/** A link's POST carries a short form at most. */
export const MAX_FORM_BYTES = 10_000;

const MB = 1024 * 1024;
/** "30 MB" or "10000 bytes", for a person reading the refusal. */
const sizeOf = (bytes: number) => (bytes >= MB ? `${Math.floor(bytes / MB)} MB` : `${bytes} bytes`);

/** The request's checked parameters, or why it is refused (a status and a message naming the reason). */
function checkRequest<S extends z.ZodType>(
  spec: HttpSpec<S>,
  req: Request,
): { status: number; error: string } | { input: z.output<S> } {
  if (!spec.methods.includes(req.method)) return { status: 405, error: `Use ${spec.methods.join(' or ')}` };
  const bytes = req.rawBody?.length ?? 0;
  if (bytes > spec.maxBodyBytes)
    return { status: 413, error: `The body is too large (at most ${sizeOf(spec.maxBodyBytes)})` };
  const parsed = spec.schema.safeParse(spec.params ? spec.params(req) : req.query);
  return parsed.success ? { input: parsed.data } : { status: 400, error: describeIssues(parsed.error) };
}

/**
 * The one way to write an HTTP function's handler: method, body size and the whole set of parameters
 * are checked before `handler` runs (405, 413, 400 as JSON `{ error }` naming the field), so a handler
 * only sees valid input. An error it throws is logged and answered 500.
 */
export function httpHandler<S extends z.ZodType>(
  name: string,
  spec: HttpSpec<S>,
  handler: (input: z.output<S>, req: Request, res: Response) => Promise<void>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const checked = checkRequest(spec, req);
    if (!('input' in checked)) {
      if (checked.status === 405) res.set('Allow', spec.methods.join(', '));
      res.status(checked.status).json({ error: checked.error });
      return;
    }
    try {
      await handler(checked.input, req, res);
    } catch (err) {
      logger.error(`${name} failed`, err);
      if (!res.headersSent) res.status(500).json({ error: 'Something went wrong' });
    }
  };
}
