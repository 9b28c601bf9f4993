import { EntitySchema } from 'typeorm';
import type { MediaKind, MediaSource } from '@shared/types/media';

/**
 * A file of one phone number's media library, kept at `media/<phoneNumberId>/<storageName>` in the
 * data folder. `waMediaId` is the id WhatsApp gave our last upload of it; uploaded ids last 30 days,
 * so `waUploadedAt` says when it must be uploaded again.
 */
export interface MediaRow {
  id: number;
  phoneNumberId: string;
  kind: MediaKind;
  mimeType: string;
  sizeBytes: number;
  /** The name the person or the customer gave it; shown and sent as a document's file name. */
  fileName: string;
  /** 32 random bytes in base64url and an extension: the public /media/ URL cannot be guessed. */
  storageName: string;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  source: MediaSource;
  /** The link it was fetched from (source 'link'). */
  sourceUrl: string | null;
  waMediaId: string | null;
  waUploadedAt: Date | null;
  /** Why the last upload to WhatsApp failed; null after a success. */
  waError: string | null;
  /** The inbound message it came with (source 'inbound'); one media row per message at most. */
  messageId: number | null;
  createdAt: Date;
}

export const MediaEntity = new EntitySchema<MediaRow>({
  name: 'Media',
  tableName: 'media',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    phoneNumberId: { type: 'varchar', name: 'phone_number_id' },
    kind: { type: 'varchar' },
    mimeType: { type: 'varchar', name: 'mime_type' },
    sizeBytes: { type: 'integer', name: 'size_bytes' },
    fileName: { type: 'varchar', name: 'file_name' },
    storageName: { type: 'varchar', name: 'storage_name', unique: true },
    sha256: { type: 'varchar' },
    source: { type: 'varchar' },
    sourceUrl: { type: 'text', name: 'source_url', nullable: true },
    waMediaId: { type: 'varchar', name: 'wa_media_id', nullable: true },
    waUploadedAt: { type: 'datetime', name: 'wa_uploaded_at', nullable: true },
    waError: { type: 'text', name: 'wa_error', nullable: true },
    messageId: { type: 'integer', name: 'message_id', nullable: true, unique: true },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'Message', columnNames: ['message_id'], referencedColumnNames: ['id'], onDelete: 'SET NULL' },
  ],
});
