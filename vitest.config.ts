import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const shared = fileURLToPath(new URL('./functions/src/shared', import.meta.url));
const webSrc = fileURLToPath(new URL('./web/src', import.meta.url));

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@shared': shared, '@': webSrc } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['functions/src/**/*.test.ts', 'web/src/**/*.test.ts', 'scripts/**/*.test.{ts,mjs}'],
          environment: 'node',
        },
      },
      {
        // Needs the emulators: run through `npm test` (firebase emulators:exec).
        extends: true,
        test: {
          name: 'emulated',
          include: ['tests/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
