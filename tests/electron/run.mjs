// Runs the Electron tests (tests/electron/*.spec.ts, Playwright's _electron) where an Electron
// binary exists; elsewhere says clearly that they did not run and which they are.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary, projectRoot } from '../../scripts/electron-binary.mjs';

const specs = readdirSync(join(projectRoot, 'tests', 'electron')).filter((f) => f.endsWith('.spec.ts'));
const binary = electronBinary();
if (!binary) {
  console.log(
    `Electron tests did NOT run (${specs.join(', ')}): no Electron binary in node_modules/electron ` +
      '(installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without network). The desktop logic they drive ' +
      '(electron/core/desktop) was tested under Node above; the core, the bridge and the UI under Node and Chromium.',
  );
  process.exit(0);
}
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// The specs start out/main: build it from the current sources first.
const build = spawnSync(npx, ['electron-vite', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
  cwd: projectRoot,
});
if (build.status !== 0) process.exit(build.status ?? 1);
const result = spawnSync(npx, ['playwright', 'test', '-c', 'tests/electron/playwright.config.ts'], {
  stdio: 'inherit',
  cwd: projectRoot,
  env: { ...process.env, WAPIDESK_ELECTRON_BINARY: binary },
});
process.exit(result.status ?? 1);
