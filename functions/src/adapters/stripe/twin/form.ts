import { TwinError, type Metadata } from './twin-state';

/**
 * Stripe's request encoding: form bodies (and GET/DELETE queries) in bracket notation, decoded into
 * nested objects and arrays, and the readers the routes use to take typed params out of them.
 */

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const isObject = (v: FormValue | undefined): v is FormObject => typeof v === 'object' && !Array.isArray(v);

/** `a[b][0][c]=x&e[]=y` -> `{a:{b:[{c:'x'}]}, e:['y']}`; values stay strings, as they arrive. */
export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const parts = key.split('[').map((p, i) => (i === 0 ? p : p.replace(/\]$/, '')));
    if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) continue;
    let node = root;
    parts.forEach((part, i) => {
      const k = part === '' ? String(Object.keys(node).length) : part;
      if (i === parts.length - 1) node[k] = value;
      else node = isObject(node[k]) ? node[k] : (node[k] = {});
    });
  }
  return arrayify(root) as FormObject;
}

/** Objects keyed 0..n-1 become arrays. */
function arrayify(v: FormValue): FormValue {
  if (!isObject(v)) return v;
  const entries = Object.entries(v).map(([k, x]) => [k, arrayify(x)] as const);
  return entries.length && entries.every(([k], i) => k === String(i))
    ? entries.map(([, x]) => x)
    : Object.fromEntries(entries);
}

export const str = (p: FormObject, k: string) => {
  const v = p[k];
  return typeof v === 'string' ? v : undefined;
};
export const obj = (p: FormObject, k: string): FormObject => {
  const v = p[k];
  return isObject(v) ? v : {};
};
export const bool = (p: FormObject, k: string) => (str(p, k) === undefined ? undefined : str(p, k) === 'true');
/** The named string params, for the many endpoints whose state method takes them by the same names. */
export const strings = <K extends string>(p: FormObject, keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, str(p, k)])) as Partial<Record<K, string>>;
export function int(p: FormObject, k: string): number | undefined {
  const v = str(p, k);
  if (!v) return undefined;
  if (!/^-?\d+$/.test(v)) throw new TwinError(400, `Invalid integer: ${v}`, k, 'parameter_invalid_integer');
  return Number(v);
}
export function list(p: FormObject, k: string): string[] | undefined {
  const v = p[k];
  return v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}
export function meta(p: FormObject, k = 'metadata'): Metadata | undefined {
  if (p[k] === undefined) return undefined;
  return Object.fromEntries(Object.entries(obj(p, k)).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
export function firstOf(p: FormObject, k: string): FormObject {
  const v = p[k];
  return Array.isArray(v) && isObject(v[0]) ? v[0] : {};
}
