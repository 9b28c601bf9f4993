import { app, nativeImage, type NativeImage } from 'electron';
import { join } from 'node:path';

/**
 * Files that ship beside the app: `extraResources` of electron-builder.yml when installed, the
 * repository when run from the sources (the main bundle sits in out/main).
 */
export function resourcePath(...parts: string[]): string {
  return app.isPackaged
    ? join(process.resourcesPath, ...parts)
    : join(__dirname, '..', '..', 'resources', ...parts);
}

/** The default config.toml, copied to the data folder at first run. */
export function bundledConfigPath(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'config.toml')
    : join(__dirname, '..', '..', 'config.toml');
}

/** The built renderer, served at app://wapidesk/ (inside app.asar once installed). */
export function rendererDir(): string {
  return join(__dirname, '..', 'renderer');
}

/** An icon of resources/icons (`name@2x.png` beside it is picked up on high-density screens). */
export function icon(name: string): NativeImage {
  return nativeImage.createFromPath(resourcePath('icons', `${name}.png`));
}
