import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppPath, serveAppRequest } from '../../../electron/core/desktop/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/server/security-headers';
import { makeTempDir } from '../../helpers/test-core';

let root: string;
let renderer: string;

beforeAll(() => {
  root = makeTempDir('wapidesk-protocol-');
  renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Wapidesk</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'assets', 'font file.woff2'), 'font');
  writeFileSync(join(root, 'secret.txt'), 'the database password');
  mkdirSync(join(root, 'renderer-other'));
  writeFileSync(join(root, 'renderer-other', 'x.js'), 'sibling folder');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('serveAppRequest (app://wapidesk/…)', () => {
  it('serves the page and its assets with their types and the Content Security Policy', async () => {
    const page = await serveAppRequest(renderer, 'app://wapidesk/index.html');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<title>Wapidesk</title>');
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(page.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['X-Content-Type-Options']).toBe('nosniff');

    const script = await serveAppRequest(renderer, 'app://wapidesk/assets/index-abc.js');
    expect(script.status).toBe(200);
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);

    const font = await serveAppRequest(renderer, 'app://wapidesk/assets/font%20file.woff2');
    expect(font.status).toBe(200);
    expect(font.headers['Content-Type']).toBe('font/woff2');
  });

  it('serves index.html for the bare origin and ignores the route after #', async () => {
    expect((await serveAppRequest(renderer, 'app://wapidesk/')).status).toBe(200);
    const routed = await serveAppRequest(renderer, 'app://wapidesk/index.html?x=1#/campaigns/3');
    expect(String(routed.body)).toContain('Wapidesk');
  });

  it('refuses every way out of the renderer folder and never reads the file', async () => {
    for (const url of [
      'app://wapidesk/../secret.txt',
      'app://wapidesk/%2e%2e/secret.txt',
      'app://wapidesk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://wapidesk/..%5csecret.txt',
      'app://wapidesk/%2fetc%2fpasswd',
      'app://wapidesk/assets/..%2F..%2Frenderer-other%2Fx.js',
      'app://wapidesk/C:%5cWindows%5cwin.ini',
      'app://wapidesk/%00index.html',
      'app://wapidesk/%E0%A4%A',
    ]) {
      const answer = await serveAppRequest(renderer, url);
      expect([400, 403, 404], url).toContain(answer.status);
      expect(String(answer.body), url).not.toContain('password');
      expect(String(answer.body), url).not.toContain('sibling');
    }
  });

  it('answers 404 for a missing file, a folder, or another host; 405 for a POST', async () => {
    expect((await serveAppRequest(renderer, 'app://wapidesk/missing.js')).status).toBe(404);
    expect((await serveAppRequest(renderer, 'app://wapidesk/assets')).status).toBe(404);
    expect((await serveAppRequest(renderer, 'app://other/index.html')).status).toBe(404);
    expect((await serveAppRequest(renderer, 'app://wapidesk/index.html', 'POST')).status).toBe(405);
  });
});

describe('resolveAppPath', () => {
  it('keeps paths inside the folder, refuses the rest', () => {
    expect(resolveAppPath(renderer, '/assets/index-abc.js')).toBe(join(renderer, 'assets', 'index-abc.js'));
    expect(resolveAppPath(renderer, '/')).toBe(join(renderer, 'index.html'));
    expect(resolveAppPath(renderer, '/a//b')).toBe(join(renderer, 'a', 'b'));
    expect(resolveAppPath(renderer, '/../secret.txt')).toBeNull();
    expect(resolveAppPath(renderer, '/%2E%2E/secret.txt')).toBeNull();
    expect(resolveAppPath(renderer, '/./index.html')).toBeNull();
  });
});
