import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../../electron/core/media/content-disposition';
import { cleanFileName } from '../../../electron/core/media/file-name';
import { MediaFiles, newStorageName, STORAGE_NAME } from '../../../electron/core/media/media-files';
import { isPublicAddress } from '../../../electron/core/media/public-address';

describe('which addresses a link download may reach', () => {
  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '151.101.1.140',
    '2606:4700:4700::1111',
    '2a03:2880:f10c:83:face:b00c:0:25de',
  ])('%s is on the internet', (address) => expect(isPublicAddress(address)).toBe(true));

  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '0.0.0.0',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:a00:1',
    '::ffff:8.8.8.8',
    '::127.0.0.1',
    '::7f00:1',
    '::a00:1',
    '::8.8.8.8',
    '2002:7f00:1::1',
    '2002:c0a8:101::1',
    '2002:808:808::1',
    '64:ff9b:1::a00:1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    'fe80::1',
    'fd12:3456::1',
    'ff02::1',
    'not-an-address',
  ])('%s is not', (address) => expect(isPublicAddress(address)).toBe(false));
});

describe('storage names', () => {
  it('are 256 random bits and an extension, and nothing else matches', () => {
    const names = new Set(Array.from({ length: 200 }, () => newStorageName('jpg')));
    expect(names.size).toBe(200);
    for (const name of names) expect(name).toMatch(STORAGE_NAME);
    for (const bad of [
      '../config.toml',
      'a.jpg',
      `${'A'.repeat(43)}.JPG`,
      `${'A'.repeat(43)}/.jpg`,
      `.${'A'.repeat(43)}`,
    ]) {
      expect(STORAGE_NAME.test(bad), bad).toBe(false);
    }
  });

  it('never make a path outside the media folder', () => {
    const files = new MediaFiles('/data');
    const name = newStorageName('png');
    expect(files.pathOf('106540352242922', name)).toBe(`/data/media/106540352242922/${name}`);
    expect(files.pathOf('..', name)).toBeNull();
    expect(files.pathOf('106540352242922', '../../config.toml')).toBeNull();
    expect(files.pathOf('/etc', name)).toBeNull();
  });
});

describe('file names', () => {
  it('keep the last segment, without control characters', () => {
    expect(cleanFileName('C:\\Users\\asha\\menu.pdf')).toBe('menu.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\r\nSet-Cookie: x.pdf')).toBe('aSet-Cookie: x.pdf');
    expect(cleanFileName('   ')).toBe('file');
  });

  it('go into Content-Disposition quoted safely, with the UTF-8 name beside', () => {
    expect(contentDisposition('inline', 'photo.jpg')).toBe(
      `inline; filename="photo.jpg"; filename*=UTF-8''photo.jpg`,
    );
    expect(contentDisposition('attachment', 'naïve "menu"; x=1.pdf')).toBe(
      `attachment; filename="na_ve _menu_; x=1.pdf"; filename*=UTF-8''na%C3%AFve%20%22menu%22%3B%20x%3D1.pdf`,
    );
  });
});
