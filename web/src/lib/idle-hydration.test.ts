// @vitest-environment jsdom
/* eslint-disable vue/one-component-per-file -- a page and the part it hydrates when idle, for one test */
import { createSSRApp, defineComponent, h, ref } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { describe, expect, it, vi } from 'vitest';
import { hydratedWhenIdle } from './idle-hydration';

const Counter = defineComponent({
  setup() {
    const n = ref(0);
    return () => h('button', { onClick: () => n.value++ }, String(n.value));
  },
});
const Page = defineComponent({
  setup: () => () => h('main', [h('h1', 'Catalog'), h(hydratedWhenIdle(Counter))]),
});

describe('hydratedWhenIdle', () => {
  it('is rendered on the server like the component, and hydrated after the first task, without a mismatch', async () => {
    const html = await renderToString(createSSRApp(Page));
    expect(html).toContain('<button>0</button>');

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const root = document.createElement('div');
    root.innerHTML = html;
    document.body.append(root);
    createSSRApp(Page).mount(root);
    const button = root.querySelector('button')!;

    button.click(); // within the boot task: not hydrated yet, no handler
    await Promise.resolve();
    expect(button.textContent).toBe('0');

    await new Promise((resolve) => setTimeout(resolve, 20)); // idle (jsdom: Vue's timer fallback)
    button.click();
    await Promise.resolve();
    expect(root.querySelector('button')).toBe(button); // the server's node, taken over
    expect(button.textContent).toBe('1');
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/mismatch/i);
    warn.mockRestore();
  });
});
