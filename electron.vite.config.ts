import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

const shared = resolve(__dirname, 'shared');

// Optional native modules (keytar) may have failed to install on a machine without their system
// libraries: they stay outside the bundles and are loaded lazily, so the build never needs them.
const packageJson = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as {
  optionalDependencies?: Record<string, string>;
};
const externalizeDeps = { include: Object.keys(packageJson.optionalDependencies ?? {}) };

export default defineConfig({
  main: {
    resolve: { alias: { '@shared': shared } },
    build: {
      externalizeDeps,
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // Headless mode built, not transpiled at every start: `npm start` without the Electron
          // binary and the browser tests run it with plain Node (out/main/headless.js).
          headless: resolve(__dirname, 'electron/core/entry/headless.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: { '@shared': shared } },
    build: {
      externalizeDeps,
      outDir: 'out/preload',
      // One CommonJS bundle: a sandboxed renderer's preload cannot load ES modules or other files.
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [vue(), vuetify({ autoImport: true })],
    resolve: { alias: { '@shared': shared, '@': resolve(__dirname, 'renderer/src') } },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
      chunkSizeWarningLimit: 2000,
    },
  },
});
