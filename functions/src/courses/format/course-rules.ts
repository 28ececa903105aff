// The parts of course.yaml whose rules span several values: the project's criteria and pass score, and the
// cohorts' dates and deadlines (which must name the course's homework).
import type { CohortSpec, HomeworkSpec, ProjectSpec } from '../../shared/courses';
import type { Repo } from './repo-context';
import { prefix } from './schema-problems';
import type { CourseFile } from './schemas';
import type { KeyPath, YamlSource } from './yaml-source';

export function parseProject(repo: Repo, source: YamlSource, p: NonNullable<CourseFile['project']>): ProjectSpec {
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

export function parseCohorts(
  repo: Repo,
  source: YamlSource,
  data: CourseFile,
  homework: HomeworkSpec[] | null,
  hasProject: boolean,
): CohortSpec[] {
  const ids = new Set<string>();
  const homeworkIds = homework && new Set(homework.map((h) => h.id));
  return (data.cohorts ?? []).map((c, i) => {
    const report = (keys: KeyPath, message: string) => {
      const at = ['cohorts', i, ...keys];
      repo.report(source.path, source.lineAt(at), prefix(at) + message);
    };
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
        const known = [...homeworkIds, ...(hasProject ? ['project'] : [])].map((k) => `\`${k}\``).join(', ');
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
