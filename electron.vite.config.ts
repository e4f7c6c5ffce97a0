import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * electron-vite derives the module format from the electron package's major version; we give
 * it the pinned version from package.json (the one electron-builder packages) so the build
 * never depends on what happens to sit in node_modules.
 */
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const electronVersion = pkg.devDependencies.electron ?? '';
const electronMajor = electronVersion.split('.')[0] ?? '';
process.env.ELECTRON_MAJOR_VER ??= electronMajor;

// Electron 45 ships Chromium 156 (electron-to-chromium) and Node 24; node24.18 is the floor
// electron-vite uses for Electron 44, so the output runs on 45's newer Node 24 as well.
const NODE_TARGET = 'node24.18';
const CHROME_TARGET = 'chrome156';
if (electronMajor !== '45') {
  throw new Error(
    `electron.vite.config.ts: build targets are for Electron 45, package.json pins ${electronVersion}`,
  );
}

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
          // List files are read in a worker thread (a hostile file must not freeze main).
          'list-import-worker': path.join(root, 'src-main/services/queue/list-import-worker.ts'),
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
      // The role screens are separate chunks (src-renderer/app/lazy-screens.ts), but there is one
      // stylesheet, loaded with the page: screens' CSS files also style other roles' screens.
      cssCodeSplit: false,
      rolldownOptions: {
        input: path.join(root, 'src-renderer/index.html'),
      },
    },
  },
});
