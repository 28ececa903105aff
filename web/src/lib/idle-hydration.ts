import { defineAsyncComponent, hydrateOnIdle, type Component } from 'vue';

/**
 * `component`, hydrated when the browser is first idle instead of within the page's first task (Vue's lazy
 * hydration). For parts of a server-rendered page that show the same before and after hydration (cards,
 * filters, the footer, the search box): the boot stays short, so a phone answers input sooner (TBT), and each
 * part hydrates in a task of its own moments later. Rendered on the server and in the browser as usual; the
 * loader only wraps what is already in the bundle, so there is no extra download.
 */
export const hydratedWhenIdle = <T extends Component>(component: T): T =>
  defineAsyncComponent({ loader: async () => component, hydrate: hydrateOnIdle() });
