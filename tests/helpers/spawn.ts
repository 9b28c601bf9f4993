import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root, where tsconfig.node.json and the entry points live. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const require = createRequire(import.meta.url);
/**
 * tsx as a loader inside the one node process, not its CLI: the CLI runs the script in a child and
 * gives it 30 ms to answer a SIGTERM before killing it (exit 143), which a busy machine misses, so a
 * clean-shutdown test failed for a reason no user meets.
 */
const TSX_LOADER = require.resolve('tsx');

/** The environment for a child process: ours, minus anything that would make results depend on the host. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of [
    'WAPIDESK_ACCESS_TOKEN',
    'WAPIDESK_APP_SECRET',
    'WAPIDESK_VERIFY_TOKEN',
    'NODE_OPTIONS',
  ]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (a signal counts as null). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after a grace period; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/** Runs `electron/core/entry/<script>` under tsx, as `npm run serve` / `npm run cli` do. */
export function spawnEntry(script: string, args: string[], env: NodeJS.ProcessEnv = childEnv()): Spawned {
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(TSX_LOADER).href, `electron/core/entry/${script}`, ...args],
    {
      cwd: REPO_ROOT,
      env: { ...env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const listener of [...listeners]) listener();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    // 'close' comes after the pipes drained, so stdout()/stderr() then hold everything written.
    child.on('close', (code) => {
      exitCode = code;
      for (const listener of [...listeners]) listener();
      resolve(code);
    });
  });

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const line of out.split('\n')) {
            const match = line.match(pattern);
            if (match) {
              done();
              resolve(match);
              return;
            }
          }
          if (exitCode !== undefined) {
            done();
            reject(new Error(`process exited (${exitCode}) before printing ${pattern}; stderr:\n${err}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${pattern}; stdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 5000) {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
