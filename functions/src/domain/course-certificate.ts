// Whether a member has earned a course's certificate: pure, so the callable and its tests share one rule.

export interface Standing {
  total: number;
  passPoints: number;
  /** Whether the course has a project at all. */
  hasProject: boolean;
  /** The project's outcome: null before the review round ended (or without a submission). */
  projectPassed: boolean | null;
}

/** Why the member cannot have a certificate yet, worded for them; null when they can. */
export function certificateRefusal(s: Standing): string | null {
  if (s.total < s.passPoints) return `You have ${s.total} of the ${s.passPoints} points a certificate needs`;
  if (s.hasProject && s.projectPassed === null) return 'Your project has not been reviewed yet';
  if (s.hasProject && !s.projectPassed) return 'Your project did not pass its review';
  return null;
}
