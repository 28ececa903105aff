import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Connect, type Plugin } from 'vite';
import { localPreviewHeaders } from '../scripts/hosting-headers.mjs';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Browsers resolve `..` before they ask, so a path that still holds one (plain or %-encoded) is probing
 * for files outside web/: 404, rather than the app's index.html that the SPA fallback would answer.
 */
const refuseClimbing: Connect.NextHandleFunction = (req, res, next) => {
  const raw = (req.url ?? '').split('?', 1)[0]!;
  if (!/(^|\/)(\.|%2e){2}(\/|%2f|$)/i.test(raw)) return next();
  res.statusCode = 404;
  res.end();
};
const localServers: Plugin = {
  name: 'commons-local-servers',
  configureServer: (server) => void server.middlewares.use(refuseClimbing),
  configurePreviewServer: (server) => void server.middlewares.use(refuseClimbing),
};

/**
 * The built shell is `app.html`, not `index.html`: Hosting serves a static file before any rewrite, so an
 * `index.html` would answer `/` instead of the `ssr` function. Hosting rewrites other paths to the shell.
 */
const shellAsAppHtml: Plugin = {
  name: 'shell-as-app-html',
  apply: 'build',
  enforce: 'post',
  generateBundle(_options, bundle) {
    const shell = bundle['index.html'];
    if (shell) shell.fileName = 'app.html';
  },
};

/**
 * The stylesheet is the one render-blocking request of a server-rendered page: ask for it before the entry
 * script and its module preloads, which only hydrate what is already painted.
 */
const stylesFirst: Plugin = {
  name: 'styles-first',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html) {
      const styles = html.match(/\s*<link rel="stylesheet"[^>]*>/g) ?? [];
      const rest = styles.reduce((out, tag) => out.replace(tag, ''), html);
      return rest.replace(
        /(\s*)<script type="module"/,
        (m, space: string) => `${styles.join('')}${space}<script type="module"`,
      );
    },
  },
};

/**
 * FullCalendar 6 injects its CSS from JavaScript into a `<style>` element, which the Content-Security-Policy
 * (`style-src 'self'`, firebase.json) blocks. This takes each package's CSS out of its module into a CSS
 * module Vite emits as a file beside the calendar's chunk (loaded with it), and turns the injection off.
 */
const FULLCALENDAR_STYLES = /@fullcalendar\/(core(?=\/internal-common)|daygrid|timegrid)\/internal(?:-common)?\.js$/;
const fullCalendarCss: Plugin = {
  name: 'fullcalendar-css-files',
  enforce: 'pre',
  resolveId: (id) => (id.startsWith('virtual:fullcalendar-') ? `\0${id}` : null),
  load(id) {
    if (!id.startsWith('\0virtual:fullcalendar-')) return null;
    return styles.get(id.slice(1)) ?? '';
  },
  transform(code, id) {
    const match = FULLCALENDAR_STYLES.exec(id.split('?', 1)[0]!);
    if (!match) return null;
    const inject = /var css_248z = ("(?:[^"\\]|\\.)*");\s*injectStyles\(css_248z\);/.exec(code);
    if (!inject) this.error(`FullCalendar's styles not found in ${id}: update the fullcalendar-css-files plugin`);
    const name = `virtual:fullcalendar-${match[1]}.css`;
    // Without its icon font, inlined as a data: URL that the CSP's font-src refuses (the calendar uses text arrows).
    const css = (JSON.parse(inject[1]!) as string).replace(/@font-face\{font-family:fcicons;[^}]*\}/, '');
    styles.set(name, css);
    let out = code.replace(inject[0], '');
    if (match[1] === 'core') {
      // Nothing is injected any more: no empty <style> element either (the CSP would refuse it).
      const root = 'function registerStylesRoot(rootNode) {';
      if (!out.includes(root)) this.error(`FullCalendar's registerStylesRoot not found in ${id}`);
      out = out.replace(root, `${root} return;`);
    }
    return { code: `import ${JSON.stringify(name)};\n${out}`, map: null };
  },
};
const styles = new Map<string, string>();

/**
 * V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, first line only): Chrome compiles every function of
 * the entry while it downloads, on a background thread, instead of each on its first call in the boot task.
 * Nearly all of the entry (Vue, the router, the app shell) runs in that task, where lazy compiling took about
 * half its time. Added last, after Vite has written its own first line into the chunk.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
const entryCompiledEagerly: Plugin = {
  name: 'entry-compiled-eagerly',
  apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
  generateBundle: {
    order: 'post',
    handler(_options, bundle) {
      for (const chunk of Object.values(bundle))
        if (chunk.type === 'chunk' && chunk.isEntry) chunk.code = COMPILE_HINT + chunk.code;
    },
  },
};

/**
 * The modules public pages share with other lazy routes, one chunk per area: a rendered page preloads its view and
 * one or two chunks instead of five to eight. Each request counts: Lighthouse's model puts every preloaded chunk
 * that arrives before the largest paint on that paint's path, and a phone on HTTP/1.1 opens six connections at most
 * (docs/architecture.md, "One first chunk"). A file renamed here falls back to a chunk of its own (ssr.spec counts).
 */
const PUBLIC_AREAS: Record<string, string[]> = {
  events: [
    'src/api/calendar.ts',
    'src/components/events/EventCard.vue',
    'src/components/events/EventTime.vue',
    'src/composables/useViewerClock.ts',
    'src/lib/event-heads.ts',
    'src/lib/events.ts',
    'src/stores/events.ts',
    '../functions/src/shared/calendar-links.ts',
    '../functions/src/shared/event-clock.ts',
    '../functions/src/shared/events.ts',
    '../functions/src/shared/public-events.ts',
  ],
  'public-views': [
    'src/components/layout/PageSkeleton.vue',
    'src/components/materials/PaywallCard.vue',
    'src/lib/recording.ts',
    'src/stores/plan-known.ts',
    '../functions/src/shared/recordings.ts',
  ],
};
const publicAreaGroups = Object.entries(PUBLIC_AREAS).map(([name, files]) => {
  const ids = new Set(files.map(path));
  return { name, test: (id: string) => ids.has(id) };
});

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [vue(), localServers, stylesFirst, shellAsAppHtml, fullCalendarCss, entryCompiledEagerly],
  // Everything is written with <script setup> and setup stores: dropping the Options API shrinks Vue.
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  resolve: {
    alias: {
      '@shared': path('../functions/src/shared'),
      '@': path('./src'),
    },
  },
  // The dev server (npm start) serves what the app imports and nothing else of the repository: not
  // .data/ (emulator exports, twin state), functions/.secret.local, .env files or keys (dev-server.test.ts).
  server: {
    host: '127.0.0.1',
    // Calendar files (feed URLs are on APP_URL, Vite's server under `npm start`): the emulated function, as
    // Hosting's `/ics/**` rewrite does in production.
    proxy: {
      '/ics/': {
        target: 'http://127.0.0.1:5001',
        rewrite: (path) => `/${process.env.VITE_FIREBASE_PROJECT_ID || 'demo-commons'}/us-central1/calendarFeed${path}`,
      },
      // The site search's documents (issue 15): the `ssr` function, as Hosting's rewrite does.
      '/search-index.json': {
        target: 'http://127.0.0.1:5001',
        rewrite: (path) => `/${process.env.VITE_FIREBASE_PROJECT_ID || 'demo-commons'}/us-central1/ssr${path}`,
      },
      // Links in emails (unsubscribe, confirm a subscription): the functions, as Hosting's `/email/*` rewrites do.
      '^/email/(unsubscribe|confirm)(\\?|$)': {
        target: 'http://127.0.0.1:5001',
        rewrite: (path) =>
          path.replace(
            /^\/email\/(unsubscribe|confirm)/,
            (_m, fn: string) =>
              `/${process.env.VITE_FIREBASE_PROJECT_ID || 'demo-commons'}/us-central1/${fn === 'confirm' ? 'confirmSubscription' : 'unsubscribe'}`,
          ),
      },
    },
    fs: {
      strict: true,
      // The app, the shared contract and the packages it imports (root and web node_modules).
      allow: [path('.'), path('../functions/src/shared'), path('./node_modules'), path('../node_modules')],
      deny: [
        // Vite's defaults, restated because this list replaces them
        '.env',
        '.env.*',
        '*.{crt,pem,key,p12,pfx,cer,der}',
        '.npmrc',
        '.yarnrc.yml',
        '**/.git/**',
        // this project's local state and secrets
        '**/.data/**',
        '**/.cache/**',
        '.secret.local',
        '*.log',
      ],
    },
  },
  // The built app as e2e and the bench load it: Hosting's headers (firebase.json) with the emulators allowed.
  preview: { host: '127.0.0.1', headers: localPreviewHeaders() },
  // The server bundle (`vite build --ssr`) carries every dependency, so the `ssr` function needs none of the web's.
  ssr: { noExternal: true },
  build: isSsrBuild
    ? {
        target: 'node20',
        outDir: '../functions/ssr',
        emptyOutDir: true,
        copyPublicDir: false,
        rollupOptions: { input: 'src/entry-server.ts', output: { format: 'cjs', entryFileNames: 'entry-server.cjs' } },
      }
    : {
        target: 'es2022',
        outDir: 'dist',
        emptyOutDir: true,
        // Modern browsers only (es2022): no modulepreload polyfill in the entry.
        modulePreload: { polyfill: false },
        // dist/.vite/manifest.json: the server entry links a rendered lazy view's chunks (ssr/route-preloads.ts).
        manifest: true,
        // Everything the entry imports statically is needed before the first hydration: one chunk, not a
        // dozen small ones each costing a round trip on a phone (lazy routes import what they share from it).
        // Lazy routes that render on the server share small modules with other routes; left alone, each becomes
        // its own chunk of a few hundred bytes, and a material page asked for eight (PUBLIC_AREAS).
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [{ name: 'app', tags: ['$initial'] }, ...publicAreaGroups],
            },
          },
        },
      },
}));
