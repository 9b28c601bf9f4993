import { describe, expect, it } from 'vitest';
import { chimeWanted } from '../../../shared/inbox-notice';

describe('the inbox chime', () => {
  it('plays in a browser tab whenever sound is on, in front or not', () => {
    expect(chimeWanted({ sound: true, desktopApp: false, focused: false })).toBe(true);
    expect(chimeWanted({ sound: true, desktopApp: false, focused: true })).toBe(true);
  });

  it('in the desktop app plays only while the window is in front: behind it, the native notification sounds', () => {
    expect(chimeWanted({ sound: true, desktopApp: true, focused: true })).toBe(true);
    expect(chimeWanted({ sound: true, desktopApp: true, focused: false })).toBe(false);
  });

  it('never plays with sound off', () => {
    expect(chimeWanted({ sound: false, desktopApp: false, focused: true })).toBe(false);
    expect(chimeWanted({ sound: false, desktopApp: true, focused: true })).toBe(false);
  });
});
