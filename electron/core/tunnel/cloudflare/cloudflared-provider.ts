import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { scrubUrls } from '../describe';
import { TunnelError, type LocalTarget, type OpenTunnel, type TunnelProvider } from '../types';
import { CloudflaredOutput } from './cloudflared-output';
import { findCloudflared } from './find-cloudflared';

export interface CloudflaredOptions {
  /** The configured program; empty looks for `cloudflared` on PATH. */
  command: string;
  /** PATH and the rest for the lookup and the child; the process's own by default. */
  env?: NodeJS.ProcessEnv;
  /** How long cloudflared has to print a URL and register a connection. */
  startTimeoutMs?: number;
  /** How long the new name may take to answer (see TunnelProvider.firstProbeGraceMs). */
  firstProbeGraceMs?: number;
}

/**
 * A Cloudflare quick tunnel: runs `cloudflared tunnel --url http://<public listener>` (no account
 * needed), reads the `*.trycloudflare.com` URL it prints, and stops it on close. The URL changes at
 * every start; Wapidesk registers each new one with Meta by itself.
 */
export function cloudflaredProvider(options: CloudflaredOptions): TunnelProvider {
  return {
    name: 'cloudflare',
    firstProbeGraceMs: options.firstProbeGraceMs ?? 20_000,
    async open(target: LocalTarget, signal?: AbortSignal): Promise<OpenTunnel> {
      const found = await findCloudflared(options.command, options.env);
      if ('problem' in found) throw new TunnelError(found.problem);
      const host = target.host.includes(':') ? `[${target.host}]` : target.host;
      const child = spawn(
        found.path,
        ['tunnel', '--no-autoupdate', '--url', `http://${host}:${target.port}`],
        { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, windowsHide: true },
      );
      const output = new CloudflaredOutput();
      const progress = { onLine: () => {} };
      const exited = new Promise<{ code: number | null }>((resolve) =>
        child.once('exit', (code) => resolve({ code })),
      );
      for (const stream of [child.stdout, child.stderr]) {
        if (!stream) continue;
        createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
          if (output.read(line)) progress.onLine();
        });
      }
      try {
        await untilReady(child, output, progress, exited, options.startTimeoutMs ?? 30_000, signal);
      } catch (error) {
        await stopChild(child, exited);
        throw error;
      }
      const listeners: ((error: Error) => void)[] = [];
      let closing = false;
      void exited.then(({ code }) => {
        if (closing) return;
        const why = output.lastError ? `: ${scrubUrls(output.lastError)}` : '';
        const error = new TunnelError(`cloudflared stopped (exit code ${code ?? 'none'})${why}`);
        for (const listener of listeners.splice(0)) listener(error);
      });
      return {
        url: output.url!,
        onClose(listener) {
          listeners.push(listener);
        },
        close: async () => {
          closing = true;
          listeners.length = 0;
          await stopChild(child, exited);
        },
      };
    },
  };
}

/** Resolves once cloudflared printed a URL and registered a connection; rejects if it cannot. */
function untilReady(
  child: ChildProcess,
  output: CloudflaredOutput,
  progress: { onLine: () => void },
  exited: Promise<{ code: number | null }>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error?: TunnelError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      progress.onLine = () => {};
      signal?.removeEventListener('abort', aborted);
      if (error) reject(error);
      else resolve();
    };
    progress.onLine = () => {
      if (output.ready) finish();
    };
    const timer = setTimeout(() => {
      const why = output.lastError ? `: ${scrubUrls(output.lastError)}` : '';
      finish(
        new TunnelError(
          output.url
            ? `cloudflared gave a URL but no working connection within ${timeoutMs / 1000} s${why}`
            : `cloudflared gave no tunnel URL within ${timeoutMs / 1000} s${why}`,
        ),
      );
    }, timeoutMs);
    const aborted = () => finish(new TunnelError('Stopped'));
    signal?.addEventListener('abort', aborted, { once: true });
    child.once('error', (error) =>
      finish(new TunnelError(`cloudflared could not be started: ${error.message}`)),
    );
    void exited.then(({ code }) => {
      const why = output.lastError ? `: ${scrubUrls(output.lastError)}` : '';
      finish(
        new TunnelError(
          `cloudflared stopped before the tunnel was ready (exit code ${code ?? 'none'})${why}`,
        ),
      );
    });
  });
}

/** SIGTERM, then SIGKILL if it is still there after 5 s. */
async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}
