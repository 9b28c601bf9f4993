// Renders the app and tray icons in resources/ from resources/icon.svg with Debian's Chromium:
//   node scripts/render-icons.mjs
// electron-builder makes the .icns and .ico from resources/icon.png (1024 px); the tray, the
// notifications and the about panel use resources/icons/. Run again after changing the SVG.
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { projectRoot } from './electron-binary.mjs';

const resources = join(projectRoot, 'resources');
const icons = join(resources, 'icons');
mkdirSync(icons, { recursive: true });
const appIcon = readFileSync(join(resources, 'icon.svg'), 'utf8');

/** The app glyph with a status dot in the corner (amber: sandbox, red: a problem). */
function withDot(color, mark) {
  const glyph = appIcon.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const dot = color
    ? `<circle cx="50" cy="50" r="14" fill="${color}" stroke="#fff" stroke-width="4"/>` +
      (mark
        ? `<rect x="47.5" y="40" width="5" height="12" rx="2" fill="#fff"/><circle cx="50" cy="57" r="3" fill="#fff"/>`
        : '')
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${glyph}${dot}</svg>`;
}

const badge =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#D32F2F" stroke="#fff" stroke-width="1.5"/></svg>';

const renders = [
  { svg: appIcon, size: 1024, file: join(resources, 'icon.png') },
  { svg: appIcon, size: 256, file: join(icons, 'icon-256.png') },
  { svg: badge, size: 16, file: join(icons, 'badge.png') },
  { svg: badge, size: 32, file: join(icons, 'badge@2x.png') },
];
for (const [name, color, mark] of [
  ['ok', null, false],
  ['sandbox', '#F9A825', false],
  ['problem', '#D32F2F', true],
]) {
  renders.push({ svg: withDot(color, mark), size: 16, file: join(icons, `tray-${name}.png`) });
  renders.push({ svg: withDot(color, mark), size: 32, file: join(icons, `tray-${name}@2x.png`) });
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { svg, size, file } of renders) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">` +
        `<div style="width:${size}px;height:${size}px">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</div>` +
        `</body></html>`,
    );
    await page.screenshot({
      path: file,
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    console.log(`${file} (${size} px)`);
  }
} finally {
  await browser.close();
}
