import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { checkMedia } from '../../../electron/core/media/check-media';
import {
  bigJpeg,
  DOCX,
  ELF,
  EXE,
  JPEG,
  MP4,
  OPUS,
  padded,
  PDF,
  PNG,
  TEXT,
  VORBIS,
  webp,
} from '../../integration/media/samples';

const FIELDS = { type: 'mimeType', content: 'contentBase64' };
const KB = 1024;
const MB = 1024 * KB;

function check(data: Buffer, mimeType: string, fileName = 'file') {
  return checkMedia({ data, mimeType, fileName }, FIELDS);
}

/** The AppError a check throws, or a failure when it passes. */
function refusal(data: Buffer, mimeType: string, fileName = 'file'): AppError {
  try {
    check(data, mimeType, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`${mimeType} (${data.length} bytes) was accepted`);
}

describe('WhatsApp’s types and size limits, per kind', () => {
  it.each([
    ['image', 'image/jpeg', bigJpeg(5)],
    ['image', 'image/png', padded(PNG, 5 * MB)],
    ['sticker', 'image/webp', webp(100 * KB)],
    ['sticker', 'image/webp', webp(500 * KB, true)],
    ['video', 'video/mp4', padded(MP4, 16 * MB)],
    ['audio', 'audio/ogg; codecs=opus', OPUS],
    ['audio', 'audio/mp4', MP4],
    ['document', 'application/pdf', padded(PDF, 20 * MB)],
    ['document', 'text/plain', TEXT],
    ['document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', DOCX],
  ])('takes a %s of type %s at its limit', (kind, mimeType, data) => {
    expect(check(data, mimeType)).toEqual({ kind, mimeType: mimeType.split(';')[0] });
  });

  it('refuses a 6 MB image, naming the limit and the content field', () => {
    const error = refusal(bigJpeg(6), 'image/jpeg', 'shop.jpg');
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Too large: an image may be at most 5 MB; this file is 6 MB');
    expect(error.fields).toEqual([{ field: 'contentBase64', message: error.message }]);
  });

  it('refuses a static WebP sticker over 100 KB, but takes an animated one up to 500 KB', () => {
    expect(refusal(webp(100 * KB + 1), 'image/webp').message).toMatch(/static sticker may be at most 100 KB/);
    expect(check(webp(300 * KB, true), 'image/webp').kind).toBe('sticker');
    expect(refusal(webp(500 * KB + 1, true), 'image/webp').message).toMatch(
      /animated sticker may be at most 500 KB/,
    );
  });

  it('refuses video and audio over 16 MB', () => {
    expect(refusal(padded(MP4, 16 * MB + 1), 'video/mp4').message).toMatch(/a video may be at most 16 MB/);
    expect(refusal(padded(OPUS, 17 * MB), 'audio/ogg').message).toMatch(/an audio file may be at most 16 MB/);
  });

  it('refuses a document over 100 MB', () => {
    expect(refusal(padded(PDF, 100 * MB + 1), 'application/pdf').message).toMatch(/at most 100 MB/);
  });

  it('refuses an unsupported type, naming the type field', () => {
    const gif = Buffer.from('GIF89a\x01\0\x01\0', 'latin1');
    const error = refusal(gif, 'image/gif', 'dance.gif');
    expect(error.message).toMatch(/^WhatsApp does not take image\/gif/);
    expect(error.fields?.[0]?.field).toBe('mimeType');
    expect(refusal(TEXT, 'application/x-msdownload').fields?.[0]?.field).toBe('mimeType');
  });

  it('refuses an empty file', () => {
    expect(refusal(Buffer.alloc(0), 'image/png').message).toBe('The file is empty');
  });
});

describe('the real type, from the first bytes', () => {
  it('refuses a program named .jpg, whatever type it claims', () => {
    for (const program of [EXE, ELF, Buffer.from('#!/bin/sh\nrm -rf /\n')]) {
      expect(refusal(program, 'image/jpeg', 'photo.jpg').message).toMatch(/program/);
      expect(refusal(program, '', 'photo.jpg').message).toMatch(/program/);
      expect(refusal(program, 'text/plain', 'notes.txt').message).toMatch(/program/);
    }
  });

  it('refuses content that is not the type claimed', () => {
    expect(refusal(TEXT, 'image/png', 'logo.png').message).toMatch(/not image\/png/);
    expect(refusal(DOCX, 'application/pdf', 'menu.pdf').message).toBe(
      "The file's content is not application/pdf (it is a zip archive)",
    );
    expect(refusal(PDF, 'image/jpeg', 'scan.jpg').message).toMatch(/not image\/jpeg \(it is a PDF\)/);
    expect(refusal(padded(TEXT, 100).fill(0, 30), 'text/plain').message).toMatch(/not text\/plain/);
  });

  it('relabels an image saved with the other image type', () => {
    expect(check(PNG, 'image/jpeg', 'logo.jpg')).toEqual({ kind: 'image', mimeType: 'image/png' });
    expect(check(JPEG, 'image/png', 'photo.png')).toEqual({ kind: 'image', mimeType: 'image/jpeg' });
  });

  it('takes a file without a type from its name, else from its content', () => {
    expect(check(PDF, '', 'menu.pdf')).toEqual({ kind: 'document', mimeType: 'application/pdf' });
    expect(check(PNG, 'application/octet-stream', 'no-extension')).toEqual({
      kind: 'image',
      mimeType: 'image/png',
    });
  });

  it('takes OGG audio only in the Opus codec, as WhatsApp does', () => {
    expect(refusal(VORBIS, 'audio/ogg').message).toMatch(/Opus/);
  });
});
