/**
 * What every benchmark shares: a core on a throw-away data folder with a bench organization, and
 * timing a piece of work over many runs into p50 / p95 (and CPU a run) printed beside its aim.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, type AppConfig } from '../electron/core/config/schema';
import { createCore, type Core } from '../electron/core/create-core';
import { SecretStore } from '../electron/core/secrets/secret-store';
import { silentLogger } from '../electron/core/util/logger';
import { keepHeapGrowthModest } from '../electron/core/entry/heap-growth';

export interface BenchCoreOptions {
  /** A folder to keep (and reuse) the data in; a new temporary one by default. */
  dataDir?: string;
  /** A fixed clock (ms since the epoch), so seeded dates line up with "now"; the computer's by default. */
  now?: number;
  /** Environment-style secrets (e.g. the app secret webhooks are signed with). */
  secrets?: Record<string, string>;
  /** Extra top-level config (e.g. `server`). */
  config?: Record<string, unknown>;
}

export interface BenchCore {
  core: Core;
  config: AppConfig;
  dataDir: string;
}

/** A core in sandbox mode with a bench organization (India, Asia/Kolkata) and database `bench.sqlite`. */
export async function benchCore(options: BenchCoreOptions = {}): Promise<BenchCore> {
  // As the app's entries do first: the figures are those of the process a user runs.
  keepHeapGrowthModest();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wapidesk-bench-'));
  const config = configSchema.parse({
    organization: { name: 'Bench Shop', default_country: 'IN', time_zone: 'Asia/Kolkata' },
    super_admin: {
      username: 'owner',
      name: 'Owner',
      email: 'owner@bench.test',
      initial_password: 'bench-password-1',
    },
    database: { file: 'bench.sqlite' },
    ...options.config,
  });
  const now = options.now;
  const core = await createCore({
    config,
    dataDir,
    secrets: new SecretStore(null, options.secrets ?? {}),
    logger: silentLogger,
    ...(now === undefined ? {} : { clock: { now: () => new Date(now) } }),
  });
  return { core, config, dataDir };
}

export interface Timing<T> {
  p50: number;
  p95: number;
  /** CPU time a run (this process, SQLite's threads included): the work apart from waiting on a busy machine. */
  cpuMs: number;
  result: T;
}

/** Runs `work` `runs` times one after another (after `warm` untimed runs) and sums up the times. */
export async function measure<T>(work: () => Promise<T>, runs: number, warm = 0): Promise<Timing<T>> {
  for (let i = 0; i < warm; i++) await work();
  const samples: number[] = [];
  let result!: T;
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await work();
    samples.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: p(0.5), p95: p(0.95), cpuMs: (used.user + used.system) / 1000 / runs, result };
}

/** One line: the label, p50, p95, CPU a run and, with an aim, whether p95 met it. */
export function timingLine(label: string, timing: Timing<unknown>, aim?: number, width = 48): string {
  const ms = (n: number) => n.toFixed(1).padStart(6);
  const verdict = aim === undefined ? '' : `   ${timing.p95 <= aim ? '✓' : '✗'} aim p95 ≤ ${aim} ms`;
  return (
    `${label.padEnd(width)} p50 ${ms(timing.p50)} ms  p95 ${ms(timing.p95)} ms  ` +
    `cpu ${ms(timing.cpuMs)} ms${verdict}`
  );
}
