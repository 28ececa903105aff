import { createPinia } from 'pinia';
import { createApp, createSSRApp } from 'vue';
import type { RouterHistory } from 'vue-router';
import type { VueHeadClient } from '@unhead/vue';
import App from './App.vue';
import { createAppRouter } from './router';

/**
 * The app, its router and Pinia, once per browser tab or per server request. `hydrate` takes over HTML
 * rendered on the server (createSSRApp) instead of mounting into an empty shell.
 */
export function createCommonsApp(options: { history: RouterHistory; head: VueHeadClient; hydrate: boolean }) {
  const app = options.hydrate ? createSSRApp(App) : createApp(App);
  const pinia = createPinia();
  const router = createAppRouter(options.history);
  app.use(pinia).use(router).use(options.head);
  return { app, pinia, router };
}
