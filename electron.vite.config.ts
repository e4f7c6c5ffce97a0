import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * electron-vite derives build targets and the module format from the installed electron
 * package. Electron cannot be downloaded on our dev/CI machines, so we pin the major version
 * from package.json (the version electron-builder packages) before electron-vite asks.
 */
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  optionalDependencies?: Record<string, string>;
};
const electronVersion = pkg.optionalDependencies?.electron ?? '38.8.6';
process.env.ELECTRON_MAJOR_VER ??= electronVersion.replace(/^[^\d]*/, '').split('.')[0];

// Electron 38 ships Node 22.19 and Chromium 140 (the same table electron-vite uses).
const NODE_TARGET = 'node22.19';
const CHROME_TARGET = 'chrome140';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      target: NODE_TARGET,
      outDir: 'out/main',
      // Dependencies (better-sqlite3's native addon above all) load from node_modules at run
      // time; bundling them would break the addon and the `bindings` lookup.
      externalizeDeps: true,
      rolldownOptions: {
        // Named `index` to match package.json "main": out/main/index.js.
        input: {
          index: path.join(root, 'src-main/hosts/electron/main.ts'),
          // The driver host runs in a utilityProcess, so a native crash spares the desk.
          'device-host': path.join(root, 'drivers/device-manager/host-child.ts'),
          // The face detector's worker thread (src-main/imaging/face-worker-client.ts).
          'face-worker': path.join(root, 'src-main/imaging/face-worker.ts'),
          // The browser host, run from the build by `npm run start:browser` (no tsx at start).
          'browser-host': path.join(root, 'src-main/hosts/browser/main.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      target: NODE_TARGET,
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle everything else into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: path.join(root, 'src-main/hosts/electron/preload.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    plugins: [react()],
    build: {
      target: CHROME_TARGET,
      outDir: path.join(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: path.join(root, 'src-renderer/index.html'),
      },
    },
  },
});
