import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadWindowState,
  restoreWindowBounds,
  saveWindowState,
  WINDOW_DEFAULTS,
  WINDOW_STATE_FILE,
  type Rect,
} from '../../../electron/core/desktop/window-state';
import { makeTempDir } from '../../helpers/test-core';

const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 875 };
/** A second monitor to the right of the laptop. */
const EXTERNAL: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('restoreWindowBounds', () => {
  it('opens a first window at the default size, centred by the system', () => {
    expect(restoreWindowBounds({ bounds: null, maximized: false }, [LAPTOP])).toEqual({
      bounds: { width: WINDOW_DEFAULTS.width, height: WINDOW_DEFAULTS.height },
      maximized: false,
    });
  });

  it('puts the window back where it was, maximised or not', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: true };
    expect(restoreWindowBounds(saved, [LAPTOP, EXTERNAL])).toEqual({
      bounds: { x: 1600, y: 100, width: 1400, height: 900 },
      maximized: true,
    });
  });

  it('brings a window back to the primary screen when its monitor is gone, sized to fit', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 2000, height: 1200 }, maximized: false };
    const restored = restoreWindowBounds(saved, [LAPTOP]);
    expect(restored.bounds.x).toBeUndefined();
    expect(restored.bounds.y).toBeUndefined();
    expect(restored.bounds.width).toBeLessThanOrEqual(LAPTOP.width);
    expect(restored.bounds.height).toBeLessThanOrEqual(LAPTOP.height);
  });

  it('does not keep a window whose title bar is off every screen (only a sliver showing)', () => {
    const saved = { bounds: { x: 1400, y: 10, width: 1000, height: 700 }, maximized: false };
    // 40 px of it on the laptop: not enough to grab.
    expect(restoreWindowBounds(saved, [LAPTOP]).bounds.x).toBeUndefined();
    const above = { bounds: { x: 100, y: -600, width: 1000, height: 700 }, maximized: false };
    expect(restoreWindowBounds(above, [LAPTOP]).bounds.y).toBeUndefined();
  });

  it('pulls a window that overflows its screen back inside and never below the minimum size', () => {
    const saved = { bounds: { x: 900, y: 500, width: 1000, height: 700 }, maximized: false };
    const restored = restoreWindowBounds(saved, [LAPTOP]).bounds;
    expect(restored.x! + restored.width).toBeLessThanOrEqual(LAPTOP.width);
    expect(restored.y! + restored.height).toBeLessThanOrEqual(LAPTOP.height);
    const tiny = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    expect(restoreWindowBounds(tiny, [LAPTOP]).bounds).toMatchObject({
      width: WINDOW_DEFAULTS.minWidth,
      height: WINDOW_DEFAULTS.minHeight,
    });
  });
});

describe('window-state.json', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves and loads the state, readable only by the user', () => {
    dir = makeTempDir('wapidesk-window-');
    saveWindowState(dir, { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
    expect(loadWindowState(dir)).toEqual({
      state: { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true },
      problem: null,
    });
    if (process.platform !== 'win32') expect(statSync(join(dir, WINDOW_STATE_FILE)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8'))).toMatchObject({ maximized: true });
  });

  it('falls back to the defaults, saying why, when the file is damaged', () => {
    dir = makeTempDir('wapidesk-window-');
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{"bounds": {"x": "left"');
    const damaged = loadWindowState(dir);
    expect(damaged.state).toEqual({ bounds: null, maximized: false });
    expect(damaged.problem).toMatch(/not valid JSON/);
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{"bounds": {"x": 0, "y": 0, "width": -5, "height": 10}}');
    expect(loadWindowState(dir).problem).toMatch(/unexpected values/);
    expect(loadWindowState(join(dir, 'nothing-saved-yet')).problem).toBeNull();
  });
});
