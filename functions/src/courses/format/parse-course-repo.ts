// The course repository format's parser and validator: a list of files in, every course as a `CourseSpec` out,
// or every problem with its file and line. Pure over the file list, so the folder sync (read-repo-folder.ts)
// and the GitHub sync share it; the sync writes nothing unless `ok` is true. The format is documented in the
// README ("Writing a course"); `examples/courses/` is a complete sample.
import { homeworkPoints } from '../../domain/course-docs';
import type {
  AttachmentSpec,
  CohortSpec,
  CourseSpec,
  FormatProblem,
  HomeworkSpec,
  ModuleSpec,
  ParseResult,
  ProjectSpec,
  QuestionSpec,
  RepoFile,
  UnitSpec,
  VideoSpec,
} from '../../shared/courses';
import { PUBLIC_ACCESS } from '../../shared/tiers';
import { FORMAT_LIMITS, isTextPath } from './repo-files';
import { basename, filePathProblem, resolveRef } from './repo-paths';
import { checkSchema } from './schema-problems';
import {
  type CourseFile,
  courseFileSchema,
  type HomeworkFile,
  homeworkFileSchema,
  ID_PATTERN,
  ID_RULE,
  moduleFileSchema,
  unitFrontMatterSchema,
} from './schemas';
import { parseVideo } from './video';
import { type KeyPath, parseYamlSource, type YamlSource } from './yaml-source';

const NUMBERED = /^(\d+)-(.+)$/;
const HOMEWORK_FILE = /\.homework\.yaml$/;
const README = /^readme\.md$/i;
const IMAGE_FILE = /\.(png|jpe?g|webp|gif|avif)$/i;

/** Where something was written: for "also used by <file>:<line>". */
interface Origin {
  path: string;
  line: number;
}

class Repo {
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

export function parseCourseRepo(files: RepoFile[], accessLevels: string[]): ParseResult {
  const repo = new Repo(accessLevels);
  if (files.length > FORMAT_LIMITS.maxFiles) {
    repo.report('.', 0, `the repository has ${files.length} files; at most ${FORMAT_LIMITS.maxFiles} are read`);
  }
  for (const file of files) {
    const unsafe = filePathProblem(file.path);
    if (unsafe) {
      repo.report(file.path || '.', 0, unsafe);
      continue;
    }
    // Hidden files and folders (.git, .github, .DS_Store) are not part of any course.
    if (file.path.split('/').some((s) => s.startsWith('.'))) continue;
    if (repo.files.has(file.path)) {
      repo.report(file.path, 0, 'the file is listed twice');
      continue;
    }
    let text = file.text;
    if (isTextPath(file.path)) {
      if (text === null) repo.report(file.path, 0, 'could not be read as UTF-8 text');
      else if (file.size > FORMAT_LIMITS.maxTextBytes) {
        repo.report(file.path, 0, `is ${file.size} bytes; a text file may have at most ${FORMAT_LIMITS.maxTextBytes}`);
        text = null;
      }
    } else if (file.size > FORMAT_LIMITS.maxAssetBytes) {
      repo.report(file.path, 0, `is ${file.size} bytes; a file may have at most ${FORMAT_LIMITS.maxAssetBytes}`);
    }
    repo.files.set(file.path, { ...file, text });
  }

  const folders = new Map<string, string[]>();
  for (const path of repo.files.keys()) {
    const slash = path.indexOf('/');
    if (slash < 0) {
      if (/^course\.ya?ml$/.test(path))
        repo.report(path, 0, 'course.yaml belongs in the course folder: <slug>/course.yaml');
      continue;
    }
    const folder = path.slice(0, slash);
    folders.set(folder, [...(folders.get(folder) ?? []), path]);
  }
  const courses: CourseSpec[] = [];
  for (const folder of [...folders.keys()].sort()) {
    const course = parseCourse(repo, folder, folders.get(folder)!);
    if (course) courses.push(course);
  }
  if (repo.problems.length) return { ok: false, problems: sortProblems(repo.problems) };
  return { ok: true, courses };
}

/** By path, then line, then message; each problem once. */
export function sortProblems(problems: FormatProblem[]): FormatProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => cmp(a.path, b.path) || a.line - b.line || cmp(a.message, b.message))
    .filter((p) => {
      const key = `${p.path}\n${p.line}\n${p.message}`;
      return !seen.has(key) && seen.add(key);
    });
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `getting-started` → `Getting started`. */
const titleOf = (name: string) => (name.charAt(0).toUpperCase() + name.slice(1)).replace(/[-_]+/g, ' ');

function parseCourse(repo: Repo, slug: string, paths: string[]): CourseSpec | null {
  const coursePath = `${slug}/course.yaml`;
  const courseFile = repo.files.get(coursePath);
  if (!courseFile) {
    const yml = paths.includes(`${slug}/course.yml`);
    repo.report(
      yml ? `${slug}/course.yml` : `${slug}/`,
      0,
      yml
        ? 'name it course.yaml'
        : 'every top-level folder is a course and needs a course.yaml (folders starting with a dot are ignored)',
    );
    return null;
  }
  if (!ID_PATTERN.test(slug) || slug.length > 80) {
    repo.report(coursePath, 0, `the folder name \`${slug}\` is the course's slug and ${ID_RULE}`);
  }
  const source = courseFile.text === null ? null : parseYamlSource(coursePath, courseFile.text, repo.problems);
  const data = source && checkSchema(source, courseFileSchema, repo.problems);

  // Files directly in the course folder, and the module folders.
  const byFolder = new Map<string, string[]>();
  for (const path of paths) {
    const rest = path.slice(slug.length + 1);
    const slash = rest.indexOf('/');
    if (slash >= 0) {
      const folder = rest.slice(0, slash);
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), path]);
    } else if (rest !== 'course.yaml' && rest !== 'course.yml' && !README.test(rest)) {
      if (HOMEWORK_FILE.test(rest)) repo.report(path, 0, 'homework belongs in a module folder (like 01-basics/)');
      else if (rest.endsWith('.md')) repo.report(path, 0, 'a unit belongs in a module folder (like 01-basics/)');
      else if (/\.ya?ml$/i.test(rest)) {
        repo.report(path, 0, 'unknown YAML file: a course folder holds course.yaml, module folders and assets');
      }
    }
  }
  const numbered: { folder: string; number: number; name: string }[] = [];
  for (const [folder, files] of byFolder) {
    const match = NUMBERED.exec(folder);
    if (match) numbered.push({ folder, number: Number(match[1]), name: match[2]! });
    else if (files.some((p) => p.split('/').length === 3 && isCourseText(basename(p)))) {
      repo.report(`${slug}/${folder}/`, 0, `a module folder's name starts with its number, like 01-${folder}`);
    }
  }
  numbered.sort((a, b) => a.number - b.number || cmp(a.folder, b.folder));
  const modules: ModuleSpec[] = [];
  const moduleIds = new Map<string, Origin>();
  const unitIds = new Map<string, Origin>();
  const homeworkIds = new Map<string, Origin>();
  let complete = true;
  numbered.forEach((m, i) => {
    if (i > 0 && numbered[i - 1]!.number === m.number) {
      repo.report(
        `${slug}/${m.folder}/`,
        0,
        `shares the number ${m.number} with ${numbered[i - 1]!.folder}/: give each module its own`,
      );
    }
    const module = parseModule(repo, `${slug}/${m.folder}`, m.name, byFolder.get(m.folder)!, { unitIds, homeworkIds });
    complete &&= module.complete;
    const first = moduleIds.get(module.spec.id);
    if (first) {
      repo.report(
        module.origin.path,
        module.origin.line,
        `module id \`${module.spec.id}\` is also used by ${where(first)}`,
      );
    } else moduleIds.set(module.spec.id, module.origin);
    modules.push(module.spec);
  });

  if (!source || !data) return null;
  const homework = modules.flatMap((m) => m.homework);
  const project = data.project ? parseProject(repo, source, data.project) : null;
  const cohorts = parseCohorts(repo, source, data, complete ? homework : null, project !== null);
  const access = data.access;
  if (!repo.accessLevels.includes(access)) {
    const levels = repo.accessLevels.map((a) => `\`${a}\``).join(', ');
    repo.report(coursePath, source.lineAt(['access']), `access: \`${access}\` is no plan here; use one of ${levels}`);
  }
  if (data.slug != null && data.slug !== slug) {
    repo.report(
      coursePath,
      source.lineAt(['slug']),
      `slug: the slug is the folder name \`${slug}\`; remove it or rename the folder`,
    );
  }
  let cover = data.cover ?? null;
  if (cover && !/^https:\/\//.test(cover)) {
    if (/^http:\/\//.test(cover)) {
      repo.report(coursePath, source.lineAt(['cover']), 'cover: must be an https:// URL or an image in the repository');
    } else if (!IMAGE_FILE.test(cover)) {
      repo.report(coursePath, source.lineAt(['cover']), 'cover: must be a .png, .jpg, .webp, .gif or .avif image');
    } else cover = repo.file(source, ['cover'], cover, 'cover');
  }
  const maxPoints =
    homework.reduce((sum, hw) => sum + homeworkPoints(hw), 0) +
    (project
      ? project.criteria.reduce((sum, c) => sum + c.maxPoints, 0) + project.pointsPerReview * project.reviewsRequired
      : 0);
  const passPoints = data.pass_points ?? 0;
  if (complete && passPoints > maxPoints) {
    repo.report(
      coursePath,
      source.lineAt(['pass_points']),
      `pass_points: ${passPoints} is more than the ${maxPoints} points the course's homework and project can give`,
    );
  }
  return {
    slug,
    title: data.title,
    summary: data.summary,
    cover,
    instructors: data.instructors.map((i) => ({ name: i.name, bio: i.bio ?? '', url: i.url ?? null })),
    access,
    kind: data.kind ?? 'course',
    pollId: data.poll ?? null,
    passPoints,
    project,
    cohorts,
    modules,
    sourcePath: coursePath,
  };
}

const isCourseText = (name: string) =>
  (name.endsWith('.md') && !README.test(name)) || HOMEWORK_FILE.test(name) || name === 'module.yaml';

const where = (o: Origin) => `${o.path}${o.line ? `:${o.line}` : ''}`;

interface CourseIds {
  unitIds: Map<string, Origin>;
  homeworkIds: Map<string, Origin>;
}

function parseModule(
  repo: Repo,
  base: string,
  name: string,
  paths: string[],
  ids: CourseIds,
): { spec: ModuleSpec; origin: Origin; complete: boolean } {
  let id = name;
  let title = titleOf(name);
  let origin: Origin = { path: `${base}/`, line: 0 };
  let ok = true;
  const moduleFile = repo.files.get(`${base}/module.yaml`);
  const settings = moduleFile?.text != null ? parseYamlSource(moduleFile.path, moduleFile.text, repo.problems) : null;
  const data = settings && checkSchema(settings, moduleFileSchema, repo.problems);
  if (moduleFile && !data) ok = false;
  if (data?.id) {
    id = data.id;
    origin = { path: settings!.path, line: settings!.lineAt(['id']) };
  } else if (!ID_PATTERN.test(name)) {
    repo.report(
      `${base}/`,
      0,
      `the module id is the folder name after its number, \`${name}\`, which ${ID_RULE}; or set id in module.yaml`,
    );
    ok = false;
  }
  if (data?.title) title = data.title;

  const units: { number: number; path: string }[] = [];
  const homeworkPaths: string[] = [];
  for (const path of paths) {
    const rest = path.slice(base.length + 1);
    const file = basename(path);
    if (rest.includes('/')) {
      if (isCourseText(file)) repo.report(path, 0, 'units and homework live directly in their module folder');
      continue;
    }
    if (file === 'module.yaml' || README.test(file)) continue;
    if (file.endsWith('.md')) {
      const match = NUMBERED.exec(file);
      if (match) units.push({ number: Number(match[1]), path });
      else repo.report(path, 0, `a unit's file name starts with its number, like 01-${file}`);
    } else if (HOMEWORK_FILE.test(file)) homeworkPaths.push(path);
    else if (/\.ya?ml$/i.test(file)) {
      repo.report(path, 0, 'unknown YAML file: homework files end in .homework.yaml, module settings are module.yaml');
    }
  }
  units.sort((a, b) => a.number - b.number || cmp(a.path, b.path));
  const unitSpecs: UnitSpec[] = [];
  units.forEach((u, i) => {
    if (i > 0 && units[i - 1]!.number === u.number) {
      repo.report(
        u.path,
        0,
        `shares the number ${u.number} with ${basename(units[i - 1]!.path)}: give each unit its own`,
      );
    }
    const unit = parseUnit(repo, repo.files.get(u.path)!);
    if (!unit) return (ok = false);
    if (claim(repo, ids.unitIds, 'unit', unit.spec.id, unit.origin)) unitSpecs.push(unit.spec);
  });
  const homework: HomeworkSpec[] = [];
  for (const path of homeworkPaths.sort(byNumberThenName)) {
    const hw = parseHomework(repo, repo.files.get(path)!);
    if (!hw) {
      ok = false;
      continue;
    }
    if (hw.spec.id === 'project') {
      repo.report(hw.origin.path, hw.origin.line, "id: `project` is reserved for the course project's deadline");
    } else if (claim(repo, ids.homeworkIds, 'homework', hw.spec.id, hw.origin)) homework.push(hw.spec);
  }
  // Incomplete: a unit or homework file failed, so checks across the course (deadlines, points) would mislead.
  return { spec: { id, title, units: unitSpecs, homework }, origin, complete: ok };
}

function byNumberThenName(a: string, b: string): number {
  const n = (p: string) => Number(NUMBERED.exec(basename(p))?.[1] ?? Infinity);
  return n(a) - n(b) || cmp(a, b);
}

/** Records an id's first use; reports (and returns false) on a second. */
function claim(repo: Repo, used: Map<string, Origin>, what: string, id: string, origin: Origin): boolean {
  const first = used.get(id);
  if (first) {
    repo.report(origin.path, origin.line, `id: ${what} id \`${id}\` is also used by ${where(first)}`);
    return false;
  }
  used.set(id, origin);
  return true;
}

/** The front matter (YAML between `---` lines at the top) and the markdown after it. */
function splitFrontMatter(text: string): { yaml: string; body: string } | { problem: string; line: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return {
      problem: 'front matter missing: start the file with a line `---`, then id: and title:, then `---`',
      line: 1,
    };
  }
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) return { problem: 'front matter not closed: end it with a line `---`', line: 1 };
  return {
    yaml: lines.slice(1, end).join('\n'),
    body: lines
      .slice(end + 1)
      .join('\n')
      .replace(/^\n+/, ''),
  };
}

function parseUnit(repo: Repo, file: RepoFile): { spec: UnitSpec; origin: Origin } | null {
  if (file.text === null) return null;
  const split = splitFrontMatter(file.text);
  if ('problem' in split) {
    repo.report(file.path, split.line, split.problem);
    return null;
  }
  // The front matter starts on the file's second line.
  const source = parseYamlSource(file.path, split.yaml, repo.problems, 2);
  const data = source && checkSchema(source, unitFrontMatterSchema, repo.problems);
  if (!source || !data) return null;
  let ok = true;
  let video: VideoSpec | null = null;
  if (data.video) {
    const parsed = parseVideo(data.video);
    if ('problem' in parsed) {
      repo.report(file.path, source.lineAt(['video']), `video: ${parsed.problem}`);
      ok = false;
    } else if ('file' in parsed) {
      const path = repo.file(source, ['video'], parsed.file, 'video');
      if (path) video = { provider: 'file', ref: path };
      else ok = false;
    } else video = parsed.video;
  }
  const attachments: AttachmentSpec[] = [];
  (data.attachments ?? []).forEach((a, i) => {
    const path = repo.file(source, ['attachments', i, 'file'], a.file, `attachments[${i}].file`);
    if (path) attachments.push({ title: a.title, path });
    else ok = false;
  });
  if (!ok) return null;
  return {
    spec: {
      id: data.id,
      title: data.title,
      preview: data.preview ?? false,
      video,
      attachments,
      availableAfterDays: data.available_after_days ?? 0,
      markdown: split.body,
      sourcePath: file.path,
    },
    origin: { path: file.path, line: source.lineAt(['id']) },
  };
}

function parseHomework(repo: Repo, file: RepoFile): { spec: HomeworkSpec; origin: Origin } | null {
  if (file.text === null) return null;
  const source = parseYamlSource(file.path, file.text, repo.problems);
  const data = source && checkSchema(source, homeworkFileSchema, repo.problems);
  if (!source || !data) return null;
  const before = repo.problems.length;
  const questions = parseQuestions(repo, source, data.questions ?? []);
  if (!questions.length && !data.learning_in_public) {
    repo.report(
      file.path,
      source.lineAt(['questions']),
      'homework needs questions, a learning_in_public section, or both',
    );
  }
  if (repo.problems.length > before) return null;
  const links = data.learning_in_public;
  return {
    spec: {
      id: data.id,
      title: data.title,
      description: data.description ?? '',
      questions,
      links: links ? { pointsPerLink: links.points_per_link, maxLinks: links.max_links } : null,
      sourcePath: file.path,
    },
    origin: { path: file.path, line: source.lineAt(['id']) },
  };
}

type QuestionFile = NonNullable<HomeworkFile['questions']>[number];

/** Each question's answer checked against its type (see QuestionSpec for what an answer is per type). */
function parseQuestions(repo: Repo, source: YamlSource, questions: QuestionFile[]): QuestionSpec[] {
  const ids = new Map<string, Origin>();
  return questions.map((q, i) => {
    const report = (key: string, message: string) =>
      repo.report(source.path, source.lineAt(['questions', i, key]), `questions[${i}].${key}: ${message}`);
    const first = ids.get(q.id);
    if (first) report('id', `question id \`${q.id}\` is also used by line ${first.line}`);
    else ids.set(q.id, { path: source.path, line: source.lineAt(['questions', i, 'id']) });
    const options = q.options ?? [];
    const listed = q.type === 'choice' || q.type === 'checkboxes';
    if (listed && options.length < 2) report('options', `a ${q.type} question needs at least 2 options`);
    if (!listed && q.options != null) report('options', 'only choice and checkboxes questions have options');
    if (q.type !== 'number' && q.tolerance != null) report('tolerance', 'only number questions have a tolerance');
    const answer = q.answer ?? null;
    const index = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < options.length;
    const range = `0 to ${Math.max(0, options.length - 1)} (the first option is 0)`;
    let key: QuestionSpec['answer'] = null;
    if (answer === null && q.type !== 'free') report('answer', '`answer` is required');
    else
      switch (q.type) {
        case 'choice':
          if (index(answer)) key = answer as number;
          else if (listed && options.length >= 2) report('answer', `must be the index of the correct option, ${range}`);
          break;
        case 'checkboxes':
          if (
            Array.isArray(answer) &&
            answer.length > 0 &&
            answer.every(index) &&
            new Set(answer).size === answer.length
          ) {
            key = [...(answer as number[])].sort((a, b) => a - b);
          } else if (options.length >= 2) {
            report('answer', `must be a list of the correct options' indexes, each once, ${range}`);
          }
          break;
        case 'number':
          if (typeof answer === 'number' && Number.isFinite(answer)) key = answer;
          else report('answer', 'must be a number');
          if (q.tolerance != null && !(q.tolerance >= 0)) report('tolerance', 'must be 0 or more');
          break;
        case 'integer':
          if (Number.isInteger(answer)) key = answer as number;
          else report('answer', 'must be a whole number');
          break;
        case 'exact':
        case 'contains':
          if (typeof answer === 'string' && answer.trim()) key = answer.trim();
          else report('answer', 'must be text (quote numbers: "42")');
          break;
        case 'free':
          if (answer !== null) report('answer', 'free text is scored by an admin: remove the answer');
          break;
      }
    return {
      id: q.id,
      type: q.type,
      text: q.text,
      options: listed ? options : [],
      answer: key,
      tolerance: q.type === 'number' ? (q.tolerance ?? 0) : 0,
      points: q.points,
    };
  });
}

function parseProject(repo: Repo, source: YamlSource, p: NonNullable<CourseFile['project']>): ProjectSpec {
  const ids = new Set<string>();
  p.criteria.forEach((c, i) => {
    if (ids.has(c.id)) {
      repo.report(
        source.path,
        source.lineAt(['project', 'criteria', i, 'id']),
        `project.criteria[${i}].id: \`${c.id}\` is used twice`,
      );
    }
    ids.add(c.id);
  });
  const best = p.criteria.reduce((sum, c) => sum + c.max_points, 0);
  if (p.pass_score > best) {
    repo.report(
      source.path,
      source.lineAt(['project', 'pass_score']),
      `project.pass_score: ${p.pass_score} is more than the ${best} points the criteria can give`,
    );
  }
  return {
    title: p.title,
    description: p.description,
    reviewsRequired: p.reviews_required,
    pointsPerReview: p.points_per_review,
    criteria: p.criteria.map((c) => ({
      id: c.id,
      title: c.title,
      description: c.description ?? '',
      maxPoints: c.max_points,
    })),
    passScore: p.pass_score,
  };
}

function parseCohorts(
  repo: Repo,
  source: YamlSource,
  data: CourseFile,
  homework: HomeworkSpec[] | null,
  hasProject: boolean,
): CohortSpec[] {
  const ids = new Set<string>();
  const homeworkIds = homework && new Set(homework.map((h) => h.id));
  return (data.cohorts ?? []).map((c, i) => {
    const report = (keys: KeyPath, message: string) =>
      repo.report(
        source.path,
        source.lineAt(['cohorts', i, ...keys]),
        `cohorts[${i}].${keys.map(String).join('.')}: ${message}`,
      );
    if (ids.has(c.id)) report(['id'], `cohort id \`${c.id}\` is used twice`);
    ids.add(c.id);
    const t = (iso: string) => Date.parse(iso);
    if (t(c.enrollment_closes) <= t(c.enrollment_opens))
      report(['enrollment_closes'], 'must be after enrollment_opens');
    if (t(c.enrollment_opens) > t(c.start)) report(['enrollment_opens'], 'must be on or before start');
    if (t(c.end) <= t(c.start)) report(['end'], 'must be after start');
    if (t(c.enrollment_closes) > t(c.end)) report(['enrollment_closes'], 'must be on or before end');
    const deadlines: Record<string, string> = {};
    for (const [id, at] of Object.entries(c.deadlines ?? {})) {
      // homeworkIds null: some homework file failed to parse, so an unknown id may just be that one.
      if (id === 'project' && !hasProject) report(['deadlines', id], 'the course has no project');
      else if (id !== 'project' && homeworkIds && !homeworkIds.has(id)) {
        const known = [...(homeworkIds ?? []), ...(hasProject ? ['project'] : [])].map((k) => `\`${k}\``).join(', ');
        report(['deadlines', id], `no homework has the id \`${id}\`${known ? `; this course has ${known}` : ''}`);
      } else if (t(at) <= t(c.start)) report(['deadlines', id], 'must be after the cohort starts');
      deadlines[id] = new Date(at).toISOString();
    }
    const sessions = (c.sessions ?? []).map((s, j) => {
      if (t(s.end) <= t(s.start)) report(['sessions', j, 'end'], 'must be after the session starts');
      else if (t(s.start) > t(c.end)) report(['sessions', j, 'start'], 'must be before the cohort ends');
      return { title: s.title, start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() };
    });
    return {
      id: c.id,
      title: c.title,
      enrollmentOpens: new Date(c.enrollment_opens).toISOString(),
      enrollmentCloses: new Date(c.enrollment_closes).toISOString(),
      start: new Date(c.start).toISOString(),
      end: new Date(c.end).toISOString(),
      capacity: c.capacity ?? null,
      deadlines,
      sessions,
    };
  });
}
