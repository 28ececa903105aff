/**
 * Limits a callable's payload must keep before its schema even looks at it: zod walks what it is given,
 * so a huge or deeply nested payload is refused here, by size and depth, naming the reason.
 */

/** Bytes of a callable request; above every schema's own limits (a newsletter is at most ~1 MB). */
export const MAX_PAYLOAD_BYTES = 3 * 1024 * 1024;
/** Objects and arrays inside each other; the deepest payload (a newsletter's section) is 4. */
export const MAX_PAYLOAD_DEPTH = 8;

/** How deep `value` nests, counting no further than `limit + 1` (so the walk stays bounded). */
function depthOf(value: unknown, limit: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (limit < 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit - 1));
    if (deepest > limit) break;
  }
  return deepest + 1;
}

/** Why the payload is refused before parsing, or null. `bytes`: the raw request body's size. */
export function payloadProblem(data: unknown, bytes: number): string | null {
  if (bytes > MAX_PAYLOAD_BYTES) return `The request is too large (at most ${MAX_PAYLOAD_BYTES} bytes)`;
  if (depthOf(data, MAX_PAYLOAD_DEPTH) > MAX_PAYLOAD_DEPTH) {
    return `The request nests too deeply (at most ${MAX_PAYLOAD_DEPTH} levels)`;
  }
  return null;
}
