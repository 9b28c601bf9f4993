// `npm start`: the Electron app. Where the Electron binary is missing and cannot be downloaded
// (ELECTRON_SKIP_BINARY_DOWNLOAD, no network), it says so and runs headless mode instead: the same
// core, with the UI served to a browser on a loopback-only port.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary, installScript, projectRoot } from './electron-binary.mjs';

const passThrough = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: projectRoot });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

let binary = electronBinary();
if (!binary && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Downloading the Electron binary (first start)…');
  spawnSync(process.execPath, [installScript], { stdio: 'ignore', cwd: projectRoot, timeout: 300_000 });
  binary = electronBinary();
}

if (binary) {
  run(npm, ['exec', '--', 'electron-vite', 'preview', ...(passThrough.length ? ['--', ...passThrough] : [])]);
} else {
  console.log(
    'The Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD or no network), so Wapidesk\n' +
      'starts in headless mode: open the "ready" address below in a browser.',
  );
  run(npm, ['run', '--silent', 'serve', '--', ...passThrough]);
}
