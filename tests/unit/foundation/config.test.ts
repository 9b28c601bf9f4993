import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'smol-toml';
import { FEATURE_DEFAULTS } from '@shared/features';
import { ConfigError, loadConfig, parseConfig } from '../../../electron/core/config/load-config';
import { locateConfig } from '../../../electron/core/config/locate-config';
import { REPO_ROOT } from '../../helpers/spawn';
import { makeTempDir, testConfigObject } from '../../helpers/test-core';

const DEFAULT_CONFIG = join(REPO_ROOT, 'config.toml');
const SOURCE = 'shop/config.toml';

type ConfigObject = Record<string, Record<string, unknown>>;

/** A valid config with one change made by `edit`. */
function variant(edit: (config: ConfigObject) => void): string {
  const config = testConfigObject();
  edit(config);
  return stringify(config);
}

function section(config: ConfigObject, name: string): Record<string, unknown> {
  const found = config[name];
  if (!found) throw new Error(`no [${name}] in the test config`);
  return found;
}

/** Parses `text`, expecting a ConfigError, and returns its one-line message. */
function configError(text: string): string {
  let caught: unknown;
  try {
    parseConfig(text, SOURCE);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  const message = (caught as ConfigError).message;
  expect(message.startsWith(`${SOURCE}: `)).toBe(true);
  expect(message).not.toContain('\n');
  return message;
}

describe('the bundled config.toml', () => {
  it('is valid and says what the file says', () => {
    const text = readFileSync(DEFAULT_CONFIG, 'utf8');
    const raw = parse(text) as ConfigObject;
    const config = parseConfig(text, DEFAULT_CONFIG);
    expect(config.organization).toEqual(raw.organization);
    expect(config.super_admin.username).toBe(section(raw, 'super_admin').username);
    expect(config.whatsapp.mode).toBe(section(raw, 'whatsapp').mode);
    expect(config.server.port).toBe(section(raw, 'server').port);
    expect(config.database.file).toBe(section(raw, 'database').file);
    expect(config.webhooks).toEqual(raw.webhooks);
    expect(config.features).toEqual(raw.features);
  });

  it('names no secret and binds the public listener to loopback', () => {
    const config = loadConfig(DEFAULT_CONFIG);
    expect(config.server.host).toBe('127.0.0.1');
    expect(Object.keys(config.whatsapp)).not.toContain('access_token');
  });
});

describe('parseConfig', () => {
  it('fills every optional section with the documented defaults', () => {
    const minimal = stringify({
      organization: { name: 'Corner Store', default_country: 'US', time_zone: 'America/New_York' },
      super_admin: {
        username: 'boss',
        name: 'Boss',
        email: 'Boss@Example.com',
        initial_password: '0123456789',
      },
    });
    const config = parseConfig(minimal, SOURCE);
    expect(config.whatsapp.mode).toBe('sandbox');
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8787, ui_port: 0 });
    expect(config.tunnel.enabled).toBe(false);
    expect(config.database).toEqual({ type: 'sqlite', file: 'wapidesk.sqlite' });
    expect(config.webhooks).toEqual({ processed_retention_days: 30 });
    expect(config.features).toEqual(FEATURE_DEFAULTS);
    expect(config.super_admin.phone).toBe('');
  });

  it('reports a TOML syntax error with its line', () => {
    const lines = readFileSync(DEFAULT_CONFIG, 'utf8').split('\n');
    const broken = lines.findIndex((line) => line.startsWith('port ='));
    expect(broken).toBeGreaterThan(0);
    lines[broken] = 'port = = 8787';
    const message = configError(lines.join('\n'));
    expect(message).toContain('TOML syntax error');
    expect(message).toContain(`line ${broken + 1}`);
  });

  it('reports an unterminated string with its line', () => {
    const text = ['[organization]', 'name = "Open quote', 'default_country = "IN"'].join('\n');
    expect(configError(text)).toMatch(/line 2\b/);
  });

  it('names a missing required section', () => {
    const message = configError(variant((c) => delete c.super_admin));
    expect(message).toMatch(/\[super_admin\]/);
    expect(message).toMatch(/required/);
  });

  it('names a missing required key', () => {
    const message = configError(variant((c) => delete section(c, 'super_admin').email));
    expect(message).toContain('[super_admin] email');
    expect(message).toMatch(/required/);
  });

  it('names a key of the wrong type and says which type it needs (not that it is missing)', () => {
    const message = configError(variant((c) => (section(c, 'server').port = '8080')));
    expect(message).toContain('[server] port');
    expect(message).toMatch(/number/);
    expect(message).not.toMatch(/required/);
  });

  it('names a feature flag that is not a boolean and says it must be one', () => {
    const message = configError(variant((c) => (section(c, 'features').IS_SELF_HOSTED = 'yes')));
    expect(message).toContain('[features] IS_SELF_HOSTED');
    expect(message).toMatch(/boolean/);
    expect(message).not.toMatch(/required/);
  });

  it('lists the allowed values of whatsapp.mode', () => {
    const message = configError(variant((c) => (section(c, 'whatsapp').mode = 'production')));
    expect(message).toContain('[whatsapp] mode');
    expect(message).toContain('"sandbox"');
    expect(message).toContain('"cloud"');
  });

  it('refuses a country that is not a two-letter code', () => {
    const message = configError(variant((c) => (section(c, 'organization').default_country = 'India')));
    expect(message).toContain('[organization] default_country');
  });

  it('refuses a two-letter code that is no ISO 3166-1 country ("UK" is GB)', () => {
    // Accepting it would make every phone number written without a country code "not valid" later.
    const message = configError(variant((c) => (section(c, 'organization').default_country = 'UK')));
    expect(message).toContain('[organization] default_country');
  });

  it('refuses a super admin phone that is no number in the default country, rather than dropping it', () => {
    const message = configError(variant((c) => (section(c, 'super_admin').phone = '12345')));
    expect(message).toContain('[super_admin] phone');
  });

  it('refuses an unknown time zone', () => {
    const message = configError(variant((c) => (section(c, 'organization').time_zone = 'Mars/Olympus_Mons')));
    expect(message).toContain('[organization] time_zone');
    expect(message).toMatch(/time zone/);
  });

  it('refuses a misspelt key and names it', () => {
    const message = configError(
      variant((c) => {
        const server = section(c, 'server');
        server.ui_prot = server.ui_port;
        delete server.ui_port;
      }),
    );
    expect(message).toContain('[server]');
    expect(message).toMatch(/unknown key/);
    expect(message).toContain('ui_prot');
  });

  it('refuses a misspelt section', () => {
    const message = configError(
      variant((c) => {
        c.featurs = section(c, 'features');
        delete c.features;
      }),
    );
    expect(message).toMatch(/unknown key/);
    expect(message).toContain('featurs');
  });

  it.each(['access_token', 'app_secret', 'verify_token'])(
    'refuses the secret %s in [whatsapp] without repeating its value',
    (key) => {
      const value = 'EAAGm0PX4ZCpsBAKfakeSecretValue123';
      const message = configError(variant((c) => (section(c, 'whatsapp')[key] = value)));
      expect(message).toContain(`[whatsapp] ${key}`);
      expect(message).toMatch(/never read from config\.toml/);
      for (const name of ['WAPIDESK_ACCESS_TOKEN', 'WAPIDESK_APP_SECRET', 'WAPIDESK_VERIFY_TOKEN']) {
        expect(message).toContain(name);
      }
      expect(message).not.toContain(value);
    },
  );

  it.each([
    ['port', 70000],
    ['port', -1],
    ['ui_port', 65536],
  ])('refuses [server] %s = %i', (key, value) => {
    const message = configError(variant((c) => (section(c, 'server')[key] = value)));
    expect(message).toContain(`[server] ${key}`);
  });

  it('refuses cloud mode without a business account id', () => {
    const message = configError(variant((c) => (section(c, 'whatsapp').mode = 'cloud')));
    expect(message).toContain('[whatsapp] business_account_id');
    expect(message).toMatch(/cloud/);
  });

  it('accepts cloud mode with a business account id', () => {
    const text = variant((c) => {
      Object.assign(section(c, 'whatsapp'), { mode: 'cloud', business_account_id: '1234567890' });
    });
    expect(parseConfig(text, SOURCE).whatsapp).toMatchObject({
      mode: 'cloud',
      business_account_id: '1234567890',
    });
  });

  it('refuses an initial password shorter than 10 characters', () => {
    const message = configError(variant((c) => (section(c, 'super_admin').initial_password = 'nine-char')));
    expect(message).toContain('[super_admin] initial_password');
    expect(message).toMatch(/10/);
  });

  it('accepts an initial password of exactly 10 characters', () => {
    const text = variant((c) => (section(c, 'super_admin').initial_password = 'ten-chars!'));
    expect(parseConfig(text, SOURCE).super_admin.initial_password).toBe('ten-chars!');
  });
});

describe('loadConfig', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('names the file that does not exist', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const path = join(dir, 'missing.toml');
    expect(() => loadConfig(path)).toThrow(ConfigError);
    expect(() => loadConfig(path)).toThrow(path);
  });

  it('prefixes a problem with the path of the file', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const path = join(dir, 'config.toml');
    writeFileSync(
      path,
      variant((c) => (section(c, 'whatsapp').mode = 'live')),
    );
    expect(() => loadConfig(path)).toThrow(`${path}: [whatsapp] mode`);
  });
});

describe('locateConfig', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('copies the bundled default into a new data folder on first run', () => {
    const root = makeTempDir();
    dirs.push(root);
    const dataDir = join(root, 'not', 'yet', 'there');
    const located = locateConfig({ dataDir, bundledDefault: DEFAULT_CONFIG });
    expect(located).toEqual({ path: join(dataDir, 'config.toml'), createdFromDefault: true });
    expect(readFileSync(located.path, 'utf8')).toBe(readFileSync(DEFAULT_CONFIG, 'utf8'));
    expect(() => loadConfig(located.path)).not.toThrow();
  });

  it('never overwrites a config the owner has edited', () => {
    const dataDir = makeTempDir();
    dirs.push(dataDir);
    const path = join(dataDir, 'config.toml');
    const edited = variant((c) => (section(c, 'organization').name = 'Edited Shop'));
    writeFileSync(path, edited);
    const located = locateConfig({ dataDir, bundledDefault: DEFAULT_CONFIG });
    expect(located).toEqual({ path, createdFromDefault: false });
    expect(readFileSync(path, 'utf8')).toBe(edited);
  });

  it('makes the data folder private to the user (0700), and makes an existing one private again', (ctx) => {
    if (process.platform === 'win32') ctx.skip('Windows keeps the profile private by its ACLs, not by modes');
    const root = makeTempDir();
    dirs.push(root);
    const fresh = join(root, 'fresh', 'Wapidesk');
    locateConfig({ dataDir: fresh, bundledDefault: DEFAULT_CONFIG });
    expect(statSync(fresh).mode & 0o777).toBe(0o700);

    const loose = join(root, 'loose');
    mkdirSync(loose, { mode: 0o755 });
    chmodSync(loose, 0o755);
    writeFileSync(
      join(loose, 'config.toml'),
      variant(() => undefined),
    );
    locateConfig({ dataDir: loose, bundledDefault: DEFAULT_CONFIG });
    expect(statSync(loose).mode & 0o777).toBe(0o700);

    // With --config elsewhere too: the data folder still holds the database.
    const withArg = join(root, 'with-arg');
    mkdirSync(withArg, { mode: 0o775 });
    chmodSync(withArg, 0o775);
    locateConfig({
      configArg: join(loose, 'config.toml'),
      dataDir: withArg,
      bundledDefault: DEFAULT_CONFIG,
    });
    expect(statSync(withArg).mode & 0o777).toBe(0o700);
  });

  it('uses --config as given and writes nothing into the data folder', () => {
    const dataDir = makeTempDir();
    dirs.push(dataDir);
    const elsewhere = join(dataDir, 'elsewhere');
    mkdirSync(elsewhere);
    const located = locateConfig({
      configArg: join(elsewhere, 'shop.toml'),
      dataDir,
      bundledDefault: DEFAULT_CONFIG,
    });
    expect(located).toEqual({ path: join(elsewhere, 'shop.toml'), createdFromDefault: false });
    expect(existsSync(join(dataDir, 'config.toml'))).toBe(false);
  });
});
