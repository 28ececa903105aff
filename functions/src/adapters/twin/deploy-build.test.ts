import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What `firebase deploy` uploads is functions/lib from tsconfig.build.json, installed with only the
// `dependencies`. These checks read the sources both builds compile (no emit, so they stay fast): the
// deploy build holds no twin, test or script, and nothing it loads can be missing from what is deployed.

const FUNCTIONS = resolve(__dirname, '../../..');
const deps = Object.keys(
  (JSON.parse(readFileSync(join(FUNCTIONS, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
    .dependencies,
);

/** The root files tsc compiles for a config (its include, exclude and files, as tsc reads them). */
function filesOf(config: string): Set<string> {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(FUNCTIONS, config), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed?.fileNames.length) throw new Error(`${config} compiles nothing`);
  return new Set(parsed.fileNames.map((f) => resolve(f)));
}

interface Reference {
  specifier: string;
  /** Erased from the output (`import type`), though tsc still compiles the file it names. */
  typeOnly: boolean;
  /** A `require()` inside a function: loaded on first call, not when the module loads. */
  lazy: boolean;
}

/** Every module a source file names: imports, re-exports, `import()` types and `require()` calls. */
function referencesIn(file: string): Reference[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: Reference[] = [];
  const visit = (node: ts.Node, inFunction: boolean) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      const named = clause?.namedBindings;
      const typeOnly = ts.isImportDeclaration(node)
        ? !!clause &&
          (clause.isTypeOnly ||
            (!clause.name && !!named && ts.isNamedImports(named) && named.elements.every((e) => e.isTypeOnly)))
        : node.isTypeOnly;
      found.push({ specifier: (node.moduleSpecifier as ts.StringLiteral).text, typeOnly, lazy: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      found.push({ specifier: (node.argument.literal as ts.StringLiteral).text, typeOnly: true, lazy: false });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword)
        found.push({ specifier: node.arguments[0].text, typeOnly: false, lazy: isRequire && inFunction });
    }
    ts.forEachChild(node, (child) => visit(child, inFunction || ts.isFunctionLike(node)));
  };
  visit(source, false);
  return found;
}

/** The source file a relative specifier names (`./x` is x.ts or x/index.ts). */
function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f)) ?? base;
}

const packageOf = (specifier: string) => specifier.split('/', specifier.startsWith('@') ? 2 : 1).join('/');
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

describe('the deploy build (functions/tsconfig.build.json)', () => {
  const deploy = filesOf('tsconfig.build.json');
  const emulator = filesOf('tsconfig.emulator.json');
  const name = (f: string) => relative(FUNCTIONS, f);

  it('holds no twin, test, testing helper or script', () => {
    const strays = [...deploy].map(name).filter((f) => /(^|\/)(twin|testing|scripts)\/|\.test\.ts$/.test(f));
    expect(strays).toEqual([]);
    expect(deploy.has(join(FUNCTIONS, 'src/index.ts'))).toBe(true);
  });

  it('names only modules it contains, node built-ins and runtime dependencies', () => {
    const problems: string[] = [];
    for (const file of deploy) {
      for (const ref of referencesIn(file)) {
        if (ref.lazy) continue; // checked below
        if (ref.specifier.startsWith('.')) {
          // Even a type-only import would pull the file into the build's output.
          const target = resolveRelative(file, ref.specifier);
          if (!deploy.has(target)) problems.push(`${name(file)} imports ${ref.specifier}, not in the deploy build`);
        } else if (!ref.typeOnly && !isBuiltin(ref.specifier) && !deps.includes(packageOf(ref.specifier))) {
          problems.push(`${name(file)} loads ${ref.specifier}, not a runtime dependency`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('leaves to the emulator build exactly the twins deployed code requires on first use', () => {
    const lazy = new Set<string>();
    for (const file of deploy) {
      for (const ref of referencesIn(file).filter((r) => r.lazy && r.specifier.startsWith('.'))) {
        lazy.add(name(resolveRelative(file, ref.specifier)));
      }
    }
    const emulatorOnly = [...emulator].filter((f) => !deploy.has(f)).map(name);
    expect([...deploy].every((f) => emulator.has(f))).toBe(true);
    expect(emulatorOnly.sort()).toEqual([...lazy].sort());
    expect(emulatorOnly).toEqual(['src/adapters/storage/twin/local-storage.ts']);
  });
});
