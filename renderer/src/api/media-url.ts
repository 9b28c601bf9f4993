import { call } from './client';
import { bridgeSessionToken } from './http-transport';

/**
 * A library file as a `blob:` URL the window can show. The renderer's CSP loads nothing from the
 * public listener (where `/media/*` lives), so the bytes come through the way the core is reached:
 * the bridge's `GET /bridge/media/:id` with the session in the Authorization header (a browser,
 * headless mode), or the `media.content` operation over IPC (Electron). The caller revokes the URL.
 */
export async function mediaObjectUrl(mediaId: number): Promise<string> {
  return URL.createObjectURL(await mediaBlob(mediaId));
}

export async function mediaBlob(mediaId: number): Promise<Blob> {
  if (window.wapi) {
    const content = await call('media.content', { id: mediaId });
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
