import type { z } from 'zod';

/** Zod issues as one line a person can act on: "tier: Choose a tier; endsAt: Invalid date". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
