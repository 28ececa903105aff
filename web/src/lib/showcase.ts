// The showcase's view models: who may submit, the submit form as the callable takes it, and status labels.
import { readerRank, type AccessClaims } from '@shared/access';
import { DEFAULT_SHOWCASE_ACCESS } from '@shared/defaults';
import { submitShowcaseSchema } from '@shared/showcase-schema';
import type { ShowcaseStatus } from '@shared/showcase';
import { rankOf, type TiersConfig } from '@shared/tiers';
import { fieldErrorsOf } from './material-form';

/** The showcase level: `config/showcase`'s access, else the seed default. */
export const showcaseLevel = (stored: string | null): string => stored || DEFAULT_SHOWCASE_ACCESS;

/** What the submit box offers: sign in, upgrade to the plan that submits, or the form. */
export type SubmitAccess = { kind: 'sign-in' } | { kind: 'upgrade'; plan: string } | { kind: 'submit' };

/** `level` is the access level that may submit (`config/showcase`); admins always may. */
export function submitAccess(
  signedIn: boolean,
  claims: AccessClaims | null,
  tiers: TiersConfig,
  level: string,
): SubmitAccess {
  if (!signedIn) return { kind: 'sign-in' };
  if (claims?.admin === true) return { kind: 'submit' };
  const needed = rankOf(tiers, level);
  return needed !== undefined && readerRank(claims) >= needed ? { kind: 'submit' } : { kind: 'upgrade', plan: level };
}

export interface ShowcaseForm {
  title: string;
  summary: string;
  repoUrl: string;
  demoUrl: string;
  /** One https URL a line. */
  images: string;
  access: string;
}

export const emptyShowcaseForm = (): ShowcaseForm => ({
  title: '',
  summary: '',
  repoUrl: '',
  demoUrl: '',
  images: '',
  access: 'public',
});

/** The callable's request from the form (`id` null for a new submission). */
export function showcaseRequest(form: ShowcaseForm, id: string | null) {
  return {
    id,
    title: form.title,
    summary: form.summary,
    repoUrl: form.repoUrl,
    demoUrl: form.demoUrl.trim(),
    images: form.images
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    access: form.access,
  };
}

/** Field errors as the callable would answer them (the same schema); empty when valid. */
export function validateShowcaseForm(form: ShowcaseForm, id: string | null): Record<string, string> {
  const parsed = submitShowcaseSchema.safeParse(showcaseRequest(form, id));
  return parsed.success ? {} : fieldErrorsOf(parsed.error.issues);
}

export const STATUS_LABELS: Record<ShowcaseStatus, string> = {
  pending: 'Waiting for review',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};
