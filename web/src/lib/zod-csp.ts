// Zod tests whether it may compile parsers with `new Function` when it builds its first object schema.
// The CSP has no 'unsafe-eval', so the browser reports that probe as a violation (even though Zod
// catches the error and parses without it). Zod's `jitless` setting skips the probe. It is set here
// through the global object Zod reads its config from (zod/v4/core `globalConfig`), not with
// `z.config()`, so that the catalog's first route does not load Zod; imported first in main.ts, so it is
// set before any schema exists. e2e/csp.spec.ts fails if Zod stops honouring it.
(globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig = { jitless: true };
