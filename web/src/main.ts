// The browser entry. A public page arrives rendered by the `ssr` function with the state it was rendered
// from: the app hydrates it. Every other page arrives as the empty shell and mounts as a single-page app.
import './lib/zod-csp';
import { createHead } from '@unhead/vue/client';
import { createWebHistory } from 'vue-router';
import { SSR_STATE_ID } from '@shared/public-pages';
import { installRoutePrefetch } from './api/material-prefetch';
import { createCommonsApp } from './app';
import { reviveState } from './ssr/state';
import './styles.css';

const rendered = document.getElementById(SSR_STATE_ID);
const { app, pinia, router } = createCommonsApp({
  history: createWebHistory(import.meta.env.BASE_URL),
  head: createHead(),
  hydrate: rendered !== null,
});
if (rendered?.textContent) pinia.state.value = reviveState(rendered.textContent);
// Prefetching starts with the next navigation: the first page's data is in the HTML or read by the page itself.
void router.isReady().then(() => {
  installRoutePrefetch(router);
  app.mount('#app');
});
