// What the parser carries through one repository: the files by path, the problems found so far, the allowed access
// levels, and the checks several files share (a named file exists; an id is used once).
import type { FormatProblem, RepoFile } from '../../shared/courses';
import { PUBLIC_ACCESS } from '../../shared/tiers';
import { resolveRef } from './repo-paths';
import type { KeyPath, YamlSource } from './yaml-source';

/** Where something was written: for "also used by <file>:<line>". */
export interface Origin {
  path: string;
  line: number;
}

export class Repo {
  readonly problems: FormatProblem[] = [];
  readonly files = new Map<string, RepoFile>();

  /** `public` and the tier ids (`accessLevels(config/tiers)`); `public` is always allowed. */
  readonly accessLevels: string[];

  constructor(accessLevels: string[]) {
    this.accessLevels = [...new Set([PUBLIC_ACCESS, ...accessLevels])];
  }

  report(path: string, line: number, message: string): void {
    this.problems.push({ path, line, message });
  }

  /** The repository path `ref` names from `from`, after checking it is safe and present; null if reported. */
  file(source: YamlSource, keys: KeyPath, ref: string, label: string): string | null {
    const resolved = resolveRef(source.path, ref);
    if ('problem' in resolved) {
      this.report(source.path, source.lineAt(keys), `${label}: ${resolved.problem}`);
      return null;
    }
    if (!this.files.has(resolved.path)) {
      this.report(source.path, source.lineAt(keys), `${label}: the file ${resolved.path} is not in the repository`);
      return null;
    }
    return resolved.path;
  }
}

export const where = (o: Origin) => `${o.path}${o.line ? `:${o.line}` : ''}`;

/** Records an id's first use; reports (and returns false) on a second. */
export function claim(repo: Repo, used: Map<string, Origin>, what: string, id: string, origin: Origin): boolean {
  const first = used.get(id);
  if (first) {
    repo.report(origin.path, origin.line, `id: ${what} id \`${id}\` is also used by ${where(first)}`);
    return false;
  }
  used.set(id, origin);
  return true;
}
