// No import cycle between folders (docs/architecture.md, "Layers"): a cycle means two areas can no
// longer be understood, tested or moved apart, and the next feature copies the tangle. TypeScript's own
// pre-processor lists each file's imports; Vue's SFC parser finds the script blocks of components.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { parse as parseSfc } from 'vue/compiler-sfc';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const FUNCTIONS_SRC = join(ROOT, 'functions/src');
const WEB_SRC = join(ROOT, 'web/src');
const ALIASES: Record<string, string> = { '@shared/': join(FUNCTIONS_SRC, 'shared/'), '@/': `${WEB_SRC}/` };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|vue)$/.test(name) && !/\.test\.ts$|\.d\.ts$/.test(name) ? [path] : [];
  });
}

function scriptOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.vue')) return text;
  const { descriptor } = parseSfc(text);
  return [descriptor.script?.content, descriptor.scriptSetup?.content].filter(Boolean).join('\n');
}

/** The project file an import names, or undefined for a package. */
function resolveImport(from: string, specifier: string): string | undefined {
  const alias = Object.keys(ALIASES).find((a) => specifier.startsWith(a));
  const base = alias
    ? ALIASES[alias]! + specifier.slice(alias.length)
    : specifier.startsWith('.')
      ? resolve(dirname(from), specifier)
      : undefined;
  if (!base) return undefined;
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

/** A file's folder: the first level under src, two levels for adapters/ and components/ (one per system or area). */
function folderOf(path: string): string {
  const [root, src] = path.startsWith(WEB_SRC) ? ['web', WEB_SRC] : ['functions', FUNCTIONS_SRC];
  const parts = relative(src, path).split('/').slice(0, -1);
  const depth = parts[0] === 'adapters' || parts[0] === 'components' ? 2 : 1;
  return `${root}/${parts.slice(0, depth).join('/') || '.'}`;
}

function folderEdges(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of [...sourceFiles(FUNCTIONS_SRC), ...sourceFiles(WEB_SRC)]) {
    for (const { fileName } of ts.preProcessFile(scriptOf(file), true, true).importedFiles) {
      const target = resolveImport(file, fileName);
      if (!target) continue;
      const [a, b] = [folderOf(file), folderOf(target)];
      if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
    }
  }
  return edges;
}

/** Every cycle as "a -> b -> a", found by a depth-first walk from each folder. */
function cycles(edges: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (path: string[]) => {
    for (const next of edges.get(path.at(-1)!) ?? []) {
      if (next === path[0]) found.add([...path, next].join(' -> '));
      else if (!path.includes(next) && next > path[0]!) walk([...path, next]);
    }
  };
  for (const start of edges.keys()) walk([start]);
  return [...found];
}

describe('folders', () => {
  it('the graph is read (a check on the check)', () => {
    const edges = folderEdges();
    expect(edges.get('functions/billing')?.has('functions/domain')).toBe(true);
    expect(edges.get('web/views')?.has('functions/shared')).toBe(true);
    expect(
      cycles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['a'])],
        ]),
      ),
    ).toEqual(['a -> b -> a']);
  });

  it('import no folder that imports them back', () => {
    expect(cycles(folderEdges())).toEqual([]);
  });
});
