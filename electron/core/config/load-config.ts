import { readFileSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { configSchema, type AppConfig } from './schema';

/** A config that cannot be used. Its message is the one line start-up prints before it stops. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Secrets have no place in config.toml: they belong in the keychain or the environment. */
const SECRET_KEYS = ['access_token', 'app_secret', 'verify_token', 'token', 'secret', 'password'];

export function parseConfig(text: string, source: string): AppConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0] ?? 'syntax error';
      throw new ConfigError(
        `${source}: TOML syntax error at line ${error.line}, column ${error.column}: ${reason}`,
      );
    }
    throw error;
  }
  rejectSecrets(raw, source);
  // reportInput: without it zod 4 omits the value, and a wrong type would read as missing.
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ConfigError(describeIssue(result.error, source));
  return result.data;
}

export function loadConfig(path: string): AppConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT' ? `${path}: no such config file` : `${path}: cannot be read (${code})`,
    );
  }
  return parseConfig(text, path);
}

function rejectSecrets(raw: unknown, source: string): void {
  const whatsapp = (raw as { whatsapp?: Record<string, unknown> }).whatsapp;
  if (!whatsapp || typeof whatsapp !== 'object') return;
  for (const key of Object.keys(whatsapp)) {
    if (SECRET_KEYS.includes(key)) {
      throw new ConfigError(
        `${source}: [whatsapp] ${key}: secrets are never read from config.toml; ` +
          'set them in the app (Settings) or in WAPIDESK_ACCESS_TOKEN, WAPIDESK_APP_SECRET, WAPIDESK_VERIFY_TOKEN',
      );
    }
  }
}

/** One clear line naming the key: `[section] key: problem`. */
function describeIssue(error: z.ZodError, source: string): string {
  const issue = error.issues[0];
  if (!issue) return `${source}: invalid config`;
  const path = issue.path.map(String);
  const [section, ...rest] = path;
  const where = section === undefined ? '' : rest.length ? `[${section}] ${rest.join('.')}` : `[${section}]`;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return `${source}: ${where ? `${where}: ` : ''}unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}`;
  }
  if (issue.code === 'invalid_type') {
    message = issue.input === undefined ? 'is required' : `must be a ${issue.expected}`;
  } else if (issue.code === 'invalid_value') {
    message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${source}: ${where} ${message}`.replace(/\s+/g, ' ');
}
