import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const size = z.number().int().min(100).max(100_000);
const position = z.number().int().min(-100_000).max(100_000);

/** `window-state.json`: the window's last normal (not maximised) bounds and whether it was maximised. */
export const windowStateSchema = z.object({
  bounds: z.object({ x: position, y: position, width: size, height: size }).nullable().default(null),
  maximized: z.boolean().default(false),
});
export type WindowState = z.output<typeof windowStateSchema>;

export const WINDOW_STATE_FILE = 'window-state.json';

export const WINDOW_DEFAULTS = { width: 1280, height: 820, minWidth: 900, minHeight: 600 } as const;

/** How much of the window's top edge (where it is dragged from) must be on some screen. */
const GRIP_HEIGHT = 32;
const GRIP_MIN_WIDTH = 120;

/**
 * Where to open the window: the saved bounds when their title bar is still on a screen (a monitor
 * unplugged since, or a smaller one, would otherwise leave the window out of reach); else centred
 * on the primary screen. The size never exceeds the screen it lands on, nor goes below the minimum.
 * `workAreas[0]` is the primary screen. No position in the result means "let the system centre it".
 */
export function restoreWindowBounds(
  saved: WindowState,
  workAreas: readonly Rect[],
  defaults: { width: number; height: number; minWidth: number; minHeight: number } = WINDOW_DEFAULTS,
): { bounds: { width: number; height: number; x?: number; y?: number }; maximized: boolean } {
  const primary = workAreas[0];
  const fit = (width: number, height: number, area: Rect | undefined) => ({
    width: Math.max(defaults.minWidth, area ? Math.min(width, area.width) : width),
    height: Math.max(defaults.minHeight, area ? Math.min(height, area.height) : height),
  });
  const bounds = saved.bounds;
  if (!bounds) return { bounds: fit(defaults.width, defaults.height, primary), maximized: saved.maximized };

  const home = workAreas.find((area) => gripVisible(bounds, area));
  if (!home) return { bounds: fit(bounds.width, bounds.height, primary), maximized: saved.maximized };

  const sized = fit(bounds.width, bounds.height, home);
  // Keep it on the screen it was on: pulled back inside if the new size or screen would overflow.
  const x = clamp(bounds.x, home.x, home.x + home.width - sized.width);
  const y = clamp(bounds.y, home.y, home.y + home.height - sized.height);
  return { bounds: { ...sized, x, y }, maximized: saved.maximized };
}

function gripVisible(window: Rect, area: Rect): boolean {
  const left = Math.max(window.x, area.x);
  const right = Math.min(window.x + window.width, area.x + area.width);
  const top = Math.max(window.y, area.y);
  const bottom = Math.min(window.y + GRIP_HEIGHT, area.y + area.height);
  return right - left >= Math.min(GRIP_MIN_WIDTH, window.width) && bottom - top >= GRIP_HEIGHT / 2;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}

export function loadWindowState(dataDir: string): { state: WindowState; problem: string | null } {
  const { value, problem } = readJsonFile(join(dataDir, WINDOW_STATE_FILE), windowStateSchema);
  return { state: value, problem };
}

export function saveWindowState(dataDir: string, state: WindowState): void {
  writeJsonFile(join(dataDir, WINDOW_STATE_FILE), windowStateSchema.parse(state));
}
