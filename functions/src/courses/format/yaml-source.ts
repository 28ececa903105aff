// A YAML text with line numbers: parsed once with `yaml`'s LineCounter, so any later finding about a value
// (a schema issue, a duplicate id, a missing file) can name the line where that value is written.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { FormatProblem } from '../../shared/courses';

export type KeyPath = readonly PropertyKey[];

export interface YamlSource {
  path: string;
  /** The document as plain data (null for an empty document). */
  data: unknown;
  /** 1-based line in the file of the value at `keys` (a map entry's key line), or of its nearest ancestor. */
  lineAt(keys: KeyPath): number;
}

/**
 * Parses `text` (the file's YAML, starting at file line `firstLine`) or reports its syntax errors with their
 * lines and returns null. Aliases are capped by `yaml` itself (maxAliasCount), so a "billion laughs" file is
 * an error, not a hang.
 */
export function parseYamlSource(
  path: string,
  text: string,
  problems: FormatProblem[],
  firstLine = 1,
): YamlSource | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const line = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  if (doc.errors.length) {
    for (const error of doc.errors) {
      problems.push({ path, line: line(error.pos[0]), message: `YAML syntax: ${firstSentence(error.message)}` });
    }
    return null;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    problems.push({ path, line: firstLine, message: `YAML: ${firstSentence((error as Error).message)}` });
    return null;
  }
  return { path, data: data ?? null, lineAt: (keys) => line(offsetOf(doc, keys)) };
}

function offsetOf(doc: Document, keys: KeyPath): number {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(key));
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

const firstSentence = (message: string) => message.split('\n')[0]!.trim();
