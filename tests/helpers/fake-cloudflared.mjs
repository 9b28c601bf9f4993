// A stand-in for the `cloudflared` program, for tests: `cloudflared tunnel --no-autoupdate --url URL`
// forwards a local port to URL and prints, on stderr, the lines the real one prints for a quick
// tunnel (with that local port as the tunnel's address). FAKE_CLOUDFLARED_MODE picks a behaviour:
//   ok (default) · fail: cannot get a quick tunnel, exits 1 · die: exits 2 after FAKE_CLOUDFLARED_DIE_MS
// FAKE_CLOUDFLARED_ARGS, when set, is a file each run appends its arguments to (one JSON line).
import { appendFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

const args = process.argv.slice(2);
if (process.env.FAKE_CLOUDFLARED_ARGS) {
  appendFileSync(process.env.FAKE_CLOUDFLARED_ARGS, `${JSON.stringify(args)}\n`);
}
const target = new URL(args[args.indexOf('--url') + 1]);
const mode = process.env.FAKE_CLOUDFLARED_MODE ?? 'ok';
const log = (level, text) => process.stderr.write(`${new Date().toISOString()} ${level} ${text}\n`);

log(
  'INF',
  'Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to ' +
    'experiment and try it out. However, be aware that these account-less Tunnels have no uptime ' +
    'guarantee, are subject to the Cloudflare Online Services Terms of Use ' +
    '(https://www.cloudflare.com/website-terms/), and Cloudflare reserves the right to investigate your ' +
    'use of Tunnels for violations of such terms.',
);
log('INF', 'Requesting new quick Tunnel on trycloudflare.com...');
if (mode === 'fail') {
  log(
    'ERR',
    'failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup ' +
      'api.trycloudflare.com: no such host',
  );
  process.exit(1);
}

const server = createServer((socket) => {
  const upstream = connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port) });
  socket.on('error', () => upstream.destroy());
  upstream.on('error', () => socket.destroy());
  socket.pipe(upstream).pipe(socket);
});
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  const line = '+' + '-'.repeat(92) + '+';
  log('INF', line);
  log(
    'INF',
    '|  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
  );
  log('INF', `|  ${url}${' '.repeat(Math.max(1, 88 - url.length))}|`);
  log('INF', line);
  log('INF', 'Version 2025.8.1 (Checksum 0000)');
  setTimeout(() => {
    log(
      'INF',
      'Registered tunnel connection connIndex=0 connection=6e2b0d3c-0000-4000-8000-000000000000 ' +
        'event=0 ip=198.41.192.77 location=sin01 protocol=quic',
    );
  }, 30);
  if (mode === 'die') {
    setTimeout(
      () => {
        log('ERR', 'Connection terminated error="connection with edge closed"');
        process.exit(2);
      },
      Number(process.env.FAKE_CLOUDFLARED_DIE_MS ?? 500),
    );
  }
});

process.on('SIGTERM', () => {
  log('INF', 'Initiating graceful shutdown due to signal terminated ...');
  server.close();
  process.exit(0);
});
