// Which native addons the packaged app ships, and which of them are tied to one Node ABI.
// An addon built on N-API (Node-API) runs unchanged under Electron's Node; one built on the
// V8/NAN API exports `node_register_module_v<ABI>` and must be rebuilt for Electron's ABI.
// Looking at the binary (the symbol name is a plain string in ELF, PE and Mach-O export
// tables) decides it for every platform's prebuilds, whatever the package's build tooling.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** 'abi' (rebuild for Electron), 'napi' (ABI-stable) or 'other' (not a Node addon). */
export function classifyAddon(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  if (/node_register_module_v\d+/.test(text)) return 'abi';
  if (text.includes('napi_')) return 'napi';
  return 'other';
}

function nodeFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    // A nested node_modules is its own package in the list we are given.
    if (e.isDirectory() && e.name !== 'node_modules') nodeFiles(p, out);
    else if (e.isFile() && e.name.endsWith('.node')) out.push(p);
  }
  return out;
}

/**
 * The production packages (what electron-builder ships) that contain .node files, each with
 * its addons classified. `packageDirs` defaults to `npm ls --omit=dev` of the repo.
 */
export function nativeModules(repo, packageDirs = productionPackages(repo)) {
  const result = [];
  for (const dir of packageDirs) {
    const files = nodeFiles(dir);
    if (files.length === 0) continue;
    const kinds = files.map((f) => ({
      file: path.relative(dir, f),
      kind: classifyAddon(readFileSync(f)),
    }));
    const name = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name;
    const addons = kinds.filter((k) => k.kind !== 'other');
    if (addons.length === 0) continue;
    result.push({
      name,
      dir,
      abiStable: addons.every((k) => k.kind === 'napi'),
      addons,
    });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name));
}

function productionPackages(repo) {
  const r = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: repo,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && path.resolve(l) !== path.resolve(repo));
}
