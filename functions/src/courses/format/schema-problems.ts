// Zod issues as course-format problems: one per issue, at the line of the offending value, in words an author
// acts on ("cohorts[0].start: `start` is required", "unknown key `titel` (did you mean `title`?)").
import type { z } from 'zod';
import type { FormatProblem } from '../../shared/courses';
import type { KeyPath, YamlSource } from './yaml-source';

/** The data `schema` accepted, or null after reporting every issue with its line. */
export function checkSchema<T extends z.ZodType>(
  source: YamlSource,
  schema: T,
  problems: FormatProblem[],
): z.output<T> | null {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, at);
      for (const key of issue.keys) {
        const hint = closest(key, known);
        problems.push({
          path: source.path,
          line: source.lineAt([...at, key]),
          message: `${prefix(at)}unknown key \`${key}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}`,
        });
      }
      continue;
    }
    problems.push({ path: source.path, line: source.lineAt(at), message: prefix(at) + describe(issue, source.data) });
  }
  return null;
}

/** `cohorts[0].deadlines.hw-1: ` */
export function prefix(at: KeyPath): string {
  if (!at.length) return '';
  return at.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('') + ': ';
}

const valueAt = (data: unknown, at: KeyPath): unknown =>
  at.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    data,
  );

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys',
  record: 'a mapping of keys',
};

function received(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

function describe(issue: z.core.$ZodIssue, data: unknown): string {
  const value = valueAt(data, issue.path as PropertyKey[]);
  const key = issue.path.at(-1);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined && typeof key === 'string') return `\`${key}\` is required`;
      if (issue.expected === 'int' || (issue.expected === 'number' && typeof value === 'number'))
        return `must be a whole number, not ${received(value)}`;
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${received(value)}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${min} characters`;
      if (issue.origin === 'array') return `needs at least ${min} item${min === 1 ? '' : 's'}`;
      return issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `is too long (at most ${max} characters)`;
      if (issue.origin === 'array') return `has too many items (at most ${max})`;
      return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}, not ${received(value)}`;
    default:
      return issue.message;
  }
}

/** The keys an object schema at `at` allows (for "did you mean"), or none. */
function knownKeys(schema: z.ZodType, at: KeyPath): string[] {
  let node: unknown = schema;
  for (const key of at) {
    node = unwrap(node);
    const def = (node as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (def?.type === 'object' && typeof key === 'string') node = def.shape?.[key];
    else if (def?.type === 'array' && typeof key === 'number') node = def.element;
    else return [];
  }
  const def = (unwrap(node) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(node: unknown): unknown {
  for (;;) {
    const def = (node as { def?: { type?: string; innerType?: unknown; in?: unknown } } | undefined)?.def;
    if (!def) return node;
    if (def.innerType) node = def.innerType;
    else if (def.type === 'pipe') node = def.in;
    else return node;
  }
}

/** The known key nearest to a typo (edit distance at most 2), or null. */
function closest(key: string, known: string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
