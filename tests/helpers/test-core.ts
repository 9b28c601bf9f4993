import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'smol-toml';
import type { FeatureFlags } from '@shared/features';
import { loadConfig } from '../../electron/core/config/load-config';
import type { AppConfig } from '../../electron/core/config/schema';
import type { ScryptCost } from '../../electron/core/auth/password';
import { createCore, type Core } from '../../electron/core/create-core';
import { SecretStore } from '../../electron/core/secrets/secret-store';
import { MovableClock } from './clock';
import { CapturingLogger } from './logger';

/**
 * scrypt at a cost that takes about a millisecond: the suite makes hundreds of members and sign-ins.
 * Production's cost is proven once, in tests/unit/foundation/password-and-lockout.test.ts.
 */
export const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 } as const;

/** The super admin every test config declares. */
export const OWNER = {
  username: 'owner',
  name: 'Shop Owner',
  email: 'owner@shop.test',
  initialPassword: 'initial-secret-1',
  /** What signInOwner() changes the initial password to. */
  password: 'owner-chosen-pass-2',
} as const;

export interface TestConfigOptions {
  /** A file name, relative to the data folder unless absolute; `wapidesk.sqlite` by default. */
  databaseFile?: string;
  features?: Partial<FeatureFlags>;
  organizationName?: string;
  initialPassword?: string;
  port?: number;
  uiPort?: number;
}

/** The parts of config.toml a test controls, as a plain object ready for smol-toml. */
export function testConfigObject(options: TestConfigOptions = {}): Record<string, Record<string, unknown>> {
  return {
    organization: {
      name: options.organizationName ?? 'Test Shop',
      default_country: 'IN',
      time_zone: 'Asia/Kolkata',
    },
    super_admin: {
      username: OWNER.username,
      name: OWNER.name,
      email: OWNER.email,
      phone: '',
      initial_password: options.initialPassword ?? OWNER.initialPassword,
    },
    whatsapp: { mode: 'sandbox' },
    server: { host: '127.0.0.1', port: options.port ?? 0, ui_port: options.uiPort ?? 0 },
    database: { type: 'sqlite', file: options.databaseFile ?? 'wapidesk.sqlite' },
    features: { ...options.features },
  };
}

export function testConfigToml(options: TestConfigOptions = {}): string {
  return stringify(testConfigObject(options));
}

export function makeTempDir(prefix = 'wapidesk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes config.toml into `dir` and returns its path. */
export function writeTestConfig(dir: string, options: TestConfigOptions = {}): string {
  const path = join(dir, 'config.toml');
  writeFileSync(path, testConfigToml(options));
  return path;
}

export interface TestCore {
  core: Core;
  config: AppConfig;
  configPath: string;
  dataDir: string;
  clock: MovableClock;
  logger: CapturingLogger;
  /** Closes the database; keeps the data folder (for restart tests). */
  stop(): Promise<void>;
  /** Closes the database and deletes the data folder. */
  close(): Promise<void>;
}

export interface MakeTestCoreOptions extends TestConfigOptions {
  /** Reuse a data folder (and the config.toml in it) instead of making a new one. */
  dataDir?: string;
  clock?: MovableClock;
  secrets?: SecretStore;
  /** scrypt's cost; the suite's small one unless a test needs production's (timing). */
  passwordCost?: ScryptCost;
}

/**
 * A core as start-up builds it: config.toml written to a temp folder and read back through the real
 * loader, a database in that folder, secrets from nowhere, a movable clock and a
 * logger that prints nothing.
 */
export async function makeTestCore(options: MakeTestCoreOptions = {}): Promise<TestCore> {
  const dataDir = options.dataDir ?? makeTempDir();
  const configPath = writeTestConfig(dataDir, options);
  const config = loadConfig(configPath);
  const clock = options.clock ?? new MovableClock();
  const logger = new CapturingLogger();
  const core = await createCore({
    config,
    dataDir,
    secrets: options.secrets ?? new SecretStore(null, {}),
    clock,
    logger,
    passwordCost: options.passwordCost ?? TEST_PASSWORD_COST,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await core.close();
  };
  return {
    core,
    config,
    configPath,
    dataDir,
    clock,
    logger,
    stop,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Raw SQL through the core's one writer (setting up rows or triggers a test needs). */
export function writeSql<T = unknown>(core: Core, sql: string, params: unknown[] = []): Promise<T> {
  return core.ctx.tx.run((m) => m.query(sql, params) as Promise<T>);
}
