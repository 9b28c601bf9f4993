import { call } from './client';
import { bridgeSessionToken } from './http-transport';

/**
 * URLs the renderer may show stored files by. The renderer's CSP cannot load `/media/*` from
 * the public listener (another origin, and unauthenticated by design), so files are fetched with
 * the window's own credentials through the `media.content` operation (Electron IPC or the HTTP
 * bridge, whichever this window uses) and shown from a `blob:` URL. Views call only this module,
 * so how the bytes arrive can change (a custom protocol in Electron) without touching them. The
 * media library's own screens stream library files from the bridge's `GET /bridge/media/:id` in a
 * browser (no base64), and use the operation over IPC in Electron.
 */
export type MediaRef = { messageId: number } | { mediaId: number };

/** At most this much is kept as blob URLs; the least recently used are released first. */
const MAX_BYTES = 150 * 1024 * 1024;

interface Entry {
  url: string;
  bytes: number;
  fileName: string;
  mimeType: string;
}

const entries = new Map<string, Promise<Entry>>();
let held = 0;

const keyOf = (ref: MediaRef) => ('messageId' in ref ? `m${ref.messageId}` : `f${ref.mediaId}`);

async function load(ref: MediaRef): Promise<Entry> {
  const content = await call('media.content', ref);
  const bytes = base64ToBytes(content.contentBase64);
  const url = URL.createObjectURL(new Blob([bytes], { type: content.mimeType }));
  held += bytes.length;
  return { url, bytes: bytes.length, fileName: content.fileName, mimeType: content.mimeType };
}

async function release(): Promise<void> {
  for (const [key, pending] of entries) {
    if (held <= MAX_BYTES) return;
    entries.delete(key);
    const entry = await pending.catch(() => null);
    if (entry) {
      URL.revokeObjectURL(entry.url);
      held -= entry.bytes;
    }
  }
}

function entry(ref: MediaRef): Promise<Entry> {
  const key = keyOf(ref);
  let found = entries.get(key);
  if (found) {
    // Most recently used last, so eviction takes the oldest.
    entries.delete(key);
    entries.set(key, found);
    return found;
  }
  found = load(ref);
  entries.set(key, found);
  found.then(release, () => entries.delete(key));
  return found;
}

/** A `blob:` URL for a message's media or a library file; fetched once and reused. */
export async function mediaUrl(ref: MediaRef): Promise<string> {
  return (await entry(ref)).url;
}

/** Saves the file under its own name (documents). */
export async function downloadMedia(ref: MediaRef): Promise<void> {
  const found = await entry(ref);
  const link = document.createElement('a');
  link.href = found.url;
  link.download = found.fileName;
  link.click();
}

/** A library file as a `blob:` URL of the caller's own (the caller revokes it). */
export async function mediaObjectUrl(mediaId: number): Promise<string> {
  return URL.createObjectURL(await mediaBlob(mediaId));
}

/** A library file's bytes: from the bridge in a browser, over IPC in Electron. */
export async function mediaBlob(mediaId: number): Promise<Blob> {
  if (window.wapi) {
    const content = await call('media.content', { mediaId });
    return new Blob([base64ToBytes(content.contentBase64)], { type: content.mimeType });
  }
  const token = bridgeSessionToken();
  const response = await fetch(`/bridge/media/${mediaId}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new Error(`The file could not be loaded (${response.status})`);
  return response.blob();
}

/** Base64 from an operation’s result as bytes (a preview, a download or a profile photo). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
