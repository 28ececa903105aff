import type { FormObject } from './form';

/** The twin's tiny router: routes are [method, path pattern, handler] triples tried in order. */

/** What a handler answers: JSON (the API, `/_twin`), an HTML page, or a redirect after a form post. */
export interface Reply {
  status?: number;
  json?: unknown;
  html?: string;
  redirect?: string;
}

/** `ids` are the path's `:params`; `params` the decoded query (GET, DELETE) or form body. */
export interface TwinRequest {
  ids: string[];
  params: FormObject;
  url: URL;
}

export type Route<R> = [method: string, pattern: RegExp, handler: (req: TwinRequest) => R];

export const route = <R>(method: string, path: string, handler: (req: TwinRequest) => R): Route<R> => [
  method,
  new RegExp(`^${path.replace(/:\w+/g, '([^/]+)')}$`),
  handler,
];

/** The first route matching the request, bound to it; undefined when none does. */
export function findRoute<R>(routes: Route<R>[], method: string, url: URL, params: FormObject) {
  for (const [verb, re, handler] of routes) {
    const found = verb === method ? url.pathname.match(re) : null;
    if (found) return () => handler({ ids: found.slice(1).map(decodeURIComponent), params, url });
  }
  return undefined;
}

/** An error in the shape of Stripe's API errors (402 is a card error, the rest invalid requests). */
export const stripeError = (status: number, message: string, param?: string, code?: string): Reply => ({
  status,
  json: { error: { type: status === 402 ? 'card_error' : 'invalid_request_error', message, param, code } },
});
