export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export interface MediaUpload {
  data: Uint8Array | ArrayBuffer | Blob;
  mimeType: string;
  /** Shown to the customer for documents; Graph wants a name on the multipart part either way. */
  filename?: string;
}

export interface MediaInfo {
  id: string;
  /** Valid for about 5 minutes; download it with the same token (`MediaApi.download`). */
  url: string;
  mimeType: string;
  sha256: string | null;
  /** Bytes. Graph sends a string in its docs and a number elsewhere; both are read. */
  fileSize: number | null;
}

export interface DownloadedMedia {
  data: Buffer;
  contentType: string;
}
