// The server entry, bundled by `vite build --ssr` into functions/ssr/entry-server.cjs and called by the
// `ssr` function: renders a public page with the same components as the browser, a fresh app per request.
import { createHead, transformHtmlTemplate } from '@unhead/vue/server';
import { createMemoryHistory } from 'vue-router';
import { renderToString } from 'vue/server-renderer';
import { SSR_STATE_ID, type RenderPage } from '@shared/public-pages';
// The built shell (web/dist/app.html, with the hashed script and style links); the client build runs first.
import shell from '../dist/app.html?raw';
// Its build manifest (web/dist/.vite, which Hosting does not serve): which chunks a rendered lazy view needs.
import manifestJson from '../dist/.vite/manifest.json?raw';
import { createCommonsApp } from './app';
import { routePreloads, type BuildManifest } from './ssr/route-preloads';
import { serializeState } from './ssr/state';
import { useSiteStore } from './stores/site';
import { useTiersStore } from './stores/tiers';

const APP_ROOT = '<div id="app"></div>';
const manifest = JSON.parse(manifestJson) as BuildManifest;

export const render: RenderPage = async ({ url, origin, reader }) => {
  const head = createHead();
  const { app, pinia, router } = createCommonsApp({ history: createMemoryHistory(), head, hydrate: true });
  await router.push(url);
  await router.isReady();
  const route = router.currentRoute.value;
  const load = route.meta.serverData;
  // Not a public page: the shell, as Hosting serves it for the single-page app.
  if (!load) return { status: route.name === 'not-found' ? 404 : 200, html: shell };

  useSiteStore(pinia).origin = origin;
  useTiersStore(pinia).serve(await reader.tiers());
  const status = (await load({ route, reader, pinia })) ?? 200;
  // @vitejs/plugin-vue adds the id of every component rendered to the context's `modules`.
  const context: { modules?: Set<string> } = {};
  const body = await renderToString(app, context);
  const state = `<script type="application/json" id="${SSR_STATE_ID}">${serializeState(pinia.state.value)}</script>`;
  const page = shell
    .replace('</head>', `${routePreloads(manifest, context.modules ?? [])}\n</head>`)
    .replace(APP_ROOT, `<div id="app">${body}</div>${state}`);
  const html = await transformHtmlTemplate(head, page);
  return { status, html };
};
