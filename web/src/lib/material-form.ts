import { materialInputSchema } from '@shared/material-schema';
import type { MaterialFile, MaterialKind, MaterialStatus } from '@shared/materials';

/** The editor's form: tags as the comma separated text the admin types. */
export interface MaterialForm {
  id: string;
  kind: MaterialKind;
  title: string;
  summary: string;
  tags: string;
  access: string;
  author: string;
  markdown: string;
  files: MaterialFile[];
  /** Kind `link`: the site or author, and the https URL. */
  source: string;
  url: string;
}

/** A new material, readable by `access` (the lowest tier, from `config/tiers`). */
export function emptyMaterialForm(access: string): MaterialForm {
  return {
    id: '',
    kind: 'article',
    title: '',
    summary: '',
    tags: '',
    access,
    author: '',
    markdown: '',
    files: [],
    source: '',
    url: '',
  };
}

/** "SQL, dbt ,, sql" -> ["sql", "dbt"]. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** What the shared schema validates (and the store then writes). */
export function formToInput(form: MaterialForm, status: MaterialStatus) {
  return {
    id: form.id.trim(),
    kind: form.kind,
    title: form.title.trim(),
    summary: form.summary.trim(),
    tags: parseTags(form.tags),
    access: form.access,
    status,
    author: form.author.trim(),
    markdown: form.markdown,
    files: form.files,
    ...(form.kind === 'link' ? { source: form.source.trim(), url: form.url.trim() } : {}),
  };
}

/** The first message per top-level field (`title`, `files`, …), to show next to each control. */
export function fieldErrorsOf(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return errors;
}

/** Field errors of a form as the editor would submit it; empty when valid. */
export function validateMaterialForm(form: MaterialForm, status: MaterialStatus): Record<string, string> {
  const parsed = materialInputSchema.safeParse(formToInput(form, status));
  return parsed.success ? {} : fieldErrorsOf(parsed.error.issues);
}
