// Runs the Electron smoke test where an Electron binary exists; elsewhere says clearly that it did not run.
import { spawnSync } from 'node:child_process';
import { electronBinary, projectRoot } from '../../scripts/electron-binary.mjs';

const binary = electronBinary();
if (!binary) {
  console.log(
    'Electron smoke test did not run: no Electron binary in node_modules/electron ' +
      '(installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without network). The core, the bridge and the UI ' +
      'were tested under Node and Chromium above.',
  );
  process.exit(0);
}
const result = spawnSync('npx', ['playwright', 'test', '-c', 'tests/electron/playwright.config.ts'], {
  stdio: 'inherit',
  cwd: projectRoot,
  env: { ...process.env, WAPIDESK_ELECTRON_BINARY: binary },
});
process.exit(result.status ?? 1);
