import { describe, expect, it } from 'vitest';
import { stringify } from 'smol-toml';
import { ConfigError, parseConfig } from '../../../electron/core/config/load-config';
import { updateFeed } from '../../../electron/core/desktop/update-policy';
import { testConfigObject } from '../../helpers/test-core';

function withUpdates(updates: Record<string, unknown> | undefined) {
  const config: Record<string, Record<string, unknown>> = testConfigObject();
  if (updates) config.updates = updates;
  return parseConfig(stringify(config), 'config.toml');
}

function problem(updates: Record<string, unknown>): string {
  try {
    withUpdates(updates);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('[updates] in config.toml', () => {
  it('is off by default', () => {
    const config = withUpdates(undefined);
    expect(config.updates).toEqual({ feed_url: '', channel: 'latest', check_every_hours: 6 });
    expect(updateFeed(config.updates, true)).toBeNull();
  });

  it('turns updates on in the installed app when a feed is named, never installing on its own', () => {
    const config = withUpdates({
      feed_url: 'https://downloads.shop.example/wapidesk',
      check_every_hours: 12,
    });
    expect(updateFeed(config.updates, true)).toEqual({
      url: 'https://downloads.shop.example/wapidesk',
      channel: 'latest',
      checkEveryMs: 12 * 3_600_000,
      autoDownload: true,
      autoInstallOnAppQuit: false,
    });
    // A development build has nothing to replace.
    expect(updateFeed(config.updates, false)).toBeNull();
  });

  it('refuses a plain-http feed on the network, a bad channel and a silly interval, naming the key', () => {
    expect(problem({ feed_url: 'http://downloads.shop.example/' })).toMatch(
      /\[updates\] feed_url must be an https/,
    );
    expect(problem({ feed_url: 'ftp://x' })).toMatch(/\[updates\] feed_url/);
    expect(withUpdates({ feed_url: 'http://127.0.0.1:8080/feed' }).updates.feed_url).toBe(
      'http://127.0.0.1:8080/feed',
    );
    expect(problem({ channel: 'Latest!' })).toMatch(/\[updates\] channel/);
    expect(problem({ check_every_hours: 0 })).toMatch(/\[updates\] check_every_hours/);
    expect(problem({ feed_ur: 'https://x' })).toMatch(/feed_ur/);
  });
});
