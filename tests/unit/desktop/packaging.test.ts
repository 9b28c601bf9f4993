/**
 * What CI can check of the installers without the Electron binary: electron-builder.yml is valid
 * for electron-builder (its own loader and JSON schema, as `electron-builder` runs them first) and
 * keeps the promises of the hardening and desktop issues: fuses, asar, native modules rebuilt for
 * Electron, the default config and the icons shipped, the four installer targets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/spawn';

let loaded: Promise<Configuration> | null = null;
/** The configuration as electron-builder reads it (electron-builder.yml over package.json), once. */
async function builderConfig(): Promise<Configuration> {
  loaded ??= getConfig(REPO_ROOT, null, null);
  return structuredClone(await loaded);
}

type TargetList = { target: string; arch?: string[] }[] | string[];

function targets(platform: Configuration['mac'] | Configuration['win'] | Configuration['linux']): TargetList {
  const target = platform?.target;
  if (!target) return [];
  return (Array.isArray(target) ? target : [target]) as TargetList;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation', { timeout: 60_000 }, async () => {
    const config = await builderConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('a mistake in it is caught by the same validation (the check can fail)', async () => {
    const config = await builderConfig();
    const broken = {
      ...config,
      electronFuses: { ...config.electronFuses, runAsNod: false },
    } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /configuration\.electronFuses/,
    );
  });

  it('sets the fuses: no Node mode, no NODE_OPTIONS, no inspector; encrypted cookies; only a verified app.asar', async () => {
    const { electronFuses } = await builderConfig();
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app in asar, native modules unpacked and rebuilt for Electron', async () => {
    const config = await builderConfig();
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
    const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      optionalDependencies: Record<string, string>;
    };
    // Rebuilt only if they are runtime dependencies (devDependencies are not packed).
    expect(packageJson.dependencies).toHaveProperty('sqlite3');
    expect(packageJson.optionalDependencies).toHaveProperty('keytar');
  });

  it('builds a .dmg for Intel and Apple silicon, an NSIS .exe, an AppImage and a .deb', async () => {
    const config = await builderConfig();
    expect(targets(config.mac)).toContainEqual({ target: 'dmg', arch: ['x64', 'arm64'] });
    expect(targets(config.win)).toContainEqual({ target: 'nsis', arch: ['x64'] });
    expect(targets(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });

  it('ships the default config.toml and the icons, and the files they point at exist', async () => {
    const config = await builderConfig();
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        { from: 'config.toml', to: 'config.toml' },
        { from: 'resources/icons', to: 'icons' },
      ]),
    );
    expect(config.directories?.buildResources).toBe('resources');
    // electron-builder makes the .icns and .ico from a large PNG in buildResources.
    const png = readFileSync(join(REPO_ROOT, 'resources', 'icon.png'));
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    for (const name of ['tray-ok', 'tray-sandbox', 'tray-problem', 'badge']) {
      expect(existsSync(join(REPO_ROOT, 'resources', 'icons', `${name}.png`)), name).toBe(true);
      expect(existsSync(join(REPO_ROOT, 'resources', 'icons', `${name}@2x.png`)), name).toBe(true);
    }
    expect(existsSync(join(REPO_ROOT, 'resources', 'icons', 'icon-256.png'))).toBe(true);
  });

  it('packs the built app and nothing of the sources', async () => {
    const config = await builderConfig();
    // The loader normalises the list into file sets: [{ filter: [...] }].
    const patterns = JSON.stringify(config.files);
    expect(patterns).toContain('"out/**"');
    expect(patterns).toContain('"package.json"');
    expect(patterns).not.toMatch(/electron\/|renderer\/src|tests\//);
  });
});
