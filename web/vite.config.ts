import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [vue(), shellAsAppHtml],
  // Everything is written with <script setup> and setup stores: dropping the Options API shrinks Vue.
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('../functions/src/shared', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
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
      },
}));
