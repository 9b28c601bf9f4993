import { describe, expect, it } from 'vitest';
import { CloudflaredOutput } from '../../../electron/core/tunnel/cloudflare/cloudflared-output';

/** What `cloudflared tunnel --url …` prints for a quick tunnel (2024–2026 releases), line by line. */
const REAL_LOG = [
  '2026-03-02T09:14:05Z INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out. However, be aware that these account-less Tunnels have no uptime guarantee, are subject to the Cloudflare Online Services Terms of Use (https://www.cloudflare.com/website-terms/), and Cloudflare reserves the right to investigate your use of Tunnels for violations of such terms. If you intend to use Tunnels in production you should use a pre-created named tunnel by following: https://developers.cloudflare.com/cloudflare-one/connections/connect-networks',
  '2026-03-02T09:14:05Z INF Requesting new quick Tunnel on trycloudflare.com...',
  '2026-03-02T09:14:07Z INF +--------------------------------------------------------------------------------------------+',
  '2026-03-02T09:14:07Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
  '2026-03-02T09:14:07Z INF |  https://seasonal-deck-organisms-sf.trycloudflare.com                                      |',
  '2026-03-02T09:14:07Z INF +--------------------------------------------------------------------------------------------+',
  '2026-03-02T09:14:07Z INF Cannot determine default configuration path. No file [config.yml config.yaml] in [~/.cloudflared ~/.cloudflare-warp ~/cloudflare-warp /etc/cloudflared /usr/local/etc/cloudflared]',
  '2026-03-02T09:14:07Z INF Version 2026.2.0 (Checksum 5f1c…)',
  '2026-03-02T09:14:07Z INF Starting metrics server on 127.0.0.1:20241/metrics',
  '2026-03-02T09:14:08Z INF Registered tunnel connection connIndex=0 connection=0b5a… event=0 ip=198.41.192.77 location=sin01 protocol=quic',
];

describe('reading cloudflared’s quick-tunnel log', () => {
  it('takes the URL in the box after "created", not the terms page, and is ready once a connection is registered', () => {
    const output = new CloudflaredOutput();
    for (const line of REAL_LOG.slice(0, -1)) output.read(line);
    expect(output.url).toBe('https://seasonal-deck-organisms-sf.trycloudflare.com');
    expect(output.ready).toBe(false);
    output.read(REAL_LOG.at(-1)!);
    expect(output.ready).toBe(true);
    expect(output.lastError).toBeNull();
  });

  it('reads coloured output (a terminal) the same', () => {
    const output = new CloudflaredOutput();
    for (const line of REAL_LOG) output.read(line.replace(' INF ', ' \u001b[32mINF\u001b[0m '));
    expect(output).toMatchObject({
      url: 'https://seasonal-deck-organisms-sf.trycloudflare.com',
      ready: true,
    });
  });

  it('finds a trycloudflare.com address even without the box, but never the API host', () => {
    const output = new CloudflaredOutput();
    output.read('ERR failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": EOF');
    expect(output.url).toBeNull();
    output.read('INF Your tunnel: https://gentle-river-1234.trycloudflare.com/');
    expect(output.url).toBe('https://gentle-river-1234.trycloudflare.com');
  });

  it('keeps the last error line for the owner', () => {
    const output = new CloudflaredOutput();
    output.read(REAL_LOG[1]!);
    output.read(
      '2026-03-02T09:14:05Z ERR Error unmarshaling QuickTunnel response: error code: 1015 error="invalid character \'e\' looking for beginning of value" status_code="429 Too Many Requests"',
    );
    expect(output.lastError).toMatch(/^Error unmarshaling QuickTunnel response: error code: 1015/);
    expect(output.url).toBeNull();
  });
});
