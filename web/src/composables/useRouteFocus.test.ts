// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h, onMounted, ref, type App } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { useRouteFocus } from './useRouteFocus';

// The app's shell in miniature: a main holding the router view, and the live region fed by useRouteFocus.
const Home = defineComponent(() => () => h('div', [h('h1', 'Home'), h('input', { id: 'filter' })]));
/** A view whose heading arrives with its data, after a moment. */
const Later = defineComponent(() => {
  const loaded = ref(false);
  onMounted(() => setTimeout(() => (loaded.value = true), 30));
  return () => h('div', loaded.value ? [h('h1', 'Later')] : [h('p', 'Loading…')]);
});
const NoHeading = defineComponent(() => () => h('p', 'Nothing to title'));

let app: App | undefined;
let announced = '';
async function mount(): Promise<Router> {
  document.body.innerHTML = '<div id="app"></div>';
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Home },
      { path: '/later', component: Later },
      { path: '/bare', component: NoHeading },
    ],
  });
  const Shell = defineComponent(() => {
    const announcement = useRouteFocus('main', 200);
    return () => {
      announced = announcement.value;
      return [h('main', { id: 'main', tabindex: '-1' }, [h(RouterView)])];
    };
  });
  await router.push('/');
  app = createApp(Shell).use(router);
  app.mount('#app');
  await router.isReady();
  return router;
}
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  app?.unmount();
  app = undefined;
});

describe('useRouteFocus', () => {
  it('leaves the first page alone: no focus moved, nothing announced', async () => {
    await mount();
    await settle(150);
    expect(document.activeElement).toBe(document.body);
    expect(announced).toBe('');
  });

  it('focuses the new page’s h1 once it renders and announces the document title', async () => {
    const router = await mount();
    document.title = 'Later · Commons';
    await router.push('/later');
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Later'), { timeout: 1000 });
    expect(document.activeElement?.tagName).toBe('H1');
    expect(document.activeElement?.getAttribute('tabindex')).toBe('-1');
    await vi.waitFor(() => expect(announced).toBe('Later · Commons'), { timeout: 1000 });
  });

  it('keeps the focus where it is when only the query changes (filters)', async () => {
    const router = await mount();
    const input = document.getElementById('filter') as HTMLInputElement;
    input.focus();
    await router.push('/?q=dbt');
    await settle(150);
    expect(document.activeElement).toBe(input);
    expect(announced).toBe('');
  });

  it('focuses main when the page has no h1', async () => {
    const router = await mount();
    document.title = 'Bare · Commons';
    await router.push('/bare');
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('main'), { timeout: 1000 });
    await vi.waitFor(() => expect(announced).toBe('Bare · Commons'), { timeout: 1000 });
  });
});
