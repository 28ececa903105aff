import { logger } from 'firebase-functions';
import { HttpsError, onCall, type CallableRequest, type HttpsOptions } from 'firebase-functions/v2/https';
import type { z } from 'zod';
import type { CallableName, CallableRequest as RequestOf, CallableResponse } from '../shared/callables';
import { describeIssues } from '../shared/validation';
import { Refusal } from '../domain/refusal';
import { clientAddress } from './client-address';
import { isStaleToken } from './current-token';
import { deps } from './deps';
import { ENFORCE_APP_CHECK } from './params';
import { payloadProblem } from './payload-limits';

/** Who may call: anyone (visitors too), a signed-in member, or an admin. */
export type Caller = 'anyone' | 'member' | 'admin';

/** The signed-in caller as handlers see it. */
export interface CallerInfo {
  uid: string;
  email: string | undefined;
  token: Record<string, unknown>;
}

export interface CallContext<C extends Caller> {
  /** Null only for `anyone` callables called by a visitor. */
  caller: C extends 'anyone' ? CallerInfo | null : CallerInfo;
  /** The browser origin the call came from (Checkout returns there when it is an app URL). */
  origin: string | undefined;
  /** Who is calling, signed in or not: for per-client limits (app/client-address.ts `clientKey`). */
  client: ClientInfo;
}

export interface ClientInfo {
  /** The IP address Google's front end saw (the last X-Forwarded-For entry, see `clientAddress`). */
  address: string | undefined;
  /** The App Check app of a call with a valid App Check token. */
  appId: string | undefined;
}

/** Compile-time: the schema's input and the contract's request type must be assignable both ways. */
type Agrees<S extends z.ZodType, K extends CallableName> = [z.input<S>] extends [RequestOf<K>]
  ? [RequestOf<K>] extends [z.input<S>]
    ? unknown
    : { schema: `request type of ${K} is wider than its schema's input` }
  : { schema: `schema input of ${K} does not match shared/callables.ts` };

export interface CallableSpec<S extends z.ZodType, C extends Caller> {
  schema: S;
  caller: C;
  secrets?: HttpsOptions['secrets'];
  /** Refuse calls without a valid App Check token, where ENFORCE_APP_CHECK is on (production). */
  appCheck?: boolean;
}

function callerOf(request: CallableRequest, caller: Caller): CallerInfo | null {
  const auth = request.auth;
  if (caller !== 'anyone' && !auth) throw new HttpsError('unauthenticated', 'Sign in first');
  if (caller === 'admin' && auth?.token.admin !== true) {
    throw new HttpsError('permission-denied', 'Only admins can do this');
  }
  return auth ? { uid: auth.uid, email: auth.token.email, token: auth.token } : null;
}

/** The raw body's size, or (where the platform gives none) the payload's own JSON. */
function payloadBytes(request: CallableRequest): number {
  const raw = request.rawRequest.rawBody as Buffer | undefined;
  return raw ? raw.length : Buffer.byteLength(JSON.stringify(request.data ?? null));
}

/**
 * The one way to write a callable, typed by `shared/callables.ts`: checks who calls, refuses a payload
 * too large or too deep, parses the whole payload with the schema (invalid-argument naming the field),
 * runs the handler, answers a Refusal with its code and message; anything else is logged and stays
 * `internal` for the caller.
 */
export function callable<K extends CallableName, S extends z.ZodType, C extends Caller>(
  name: K,
  spec: CallableSpec<S, C> & Agrees<S, K>,
  handler: (input: z.output<S>, context: CallContext<C>) => Promise<CallableResponse<K>>,
) {
  // The param itself, not its value: onCall resolves it when the function loads.
  const enforceAppCheck = spec.appCheck ? { enforceAppCheck: ENFORCE_APP_CHECK } : {};
  return onCall({ secrets: spec.secrets ?? [], ...enforceAppCheck }, async (request) => {
    const caller = callerOf(request, spec.caller);
    const tooMuch = payloadProblem(request.data, payloadBytes(request));
    if (tooMuch) throw new HttpsError('invalid-argument', tooMuch);
    // A token from before a downgrade still carries the old claims (for up to an hour): refuse it, so
    // the app refreshes it. One read per signed-in call.
    if (caller && (await isStaleToken(deps().db, caller.uid, caller.token))) {
      throw new HttpsError('unauthenticated', 'Your access changed since you signed in: reload the page.');
    }
    const parsed = spec.schema.safeParse(request.data);
    if (!parsed.success) throw new HttpsError('invalid-argument', describeIssues(parsed.error));
    try {
      const raw = request.rawRequest;
      const client = {
        address: clientAddress(raw.headers['x-forwarded-for'], raw.socket?.remoteAddress),
        appId: request.app?.appId,
      };
      const context = { caller, origin: raw.get('origin'), client } as CallContext<C>;
      return await handler(parsed.data, context);
    } catch (err) {
      if (err instanceof Refusal) throw new HttpsError(err.code, err.message);
      logger.error(`${name} failed`, err);
      throw err;
    }
  });
}
