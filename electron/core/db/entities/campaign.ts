import { EntitySchema } from 'typeorm';
import type { CampaignStatus } from '@shared/types/campaigns';

/**
 * A campaign. Its recipients are its message rows (messages.campaign_id), fixed when it starts:
 * one per phone number, queued before anything is sent.
 */
export interface CampaignRow {
  id: number;
  name: string;
  status: CampaignStatus;
  phoneNumberId: string;
  templateId: string;
  templateName: string;
  templateLanguage: string;
  /** JSON: VariableBinding[]. */
  variables: string;
  /** JSON: MediaHeader or null. */
  mediaHeader: string | null;
  /** JSON: string[]. */
  optOutKeywords: string;
  messagesPerSecond: number | null;
  scheduledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  notice: string | null;
  retargetOfCampaignId: number | null;
  createdByUserId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CampaignEntity = new EntitySchema<CampaignRow>({
  name: 'Campaign',
  tableName: 'campaigns',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar' },
    status: { type: 'varchar' },
    phoneNumberId: { type: 'varchar', name: 'phone_number_id' },
    templateId: { type: 'varchar', name: 'template_id' },
    templateName: { type: 'varchar', name: 'template_name' },
    templateLanguage: { type: 'varchar', name: 'template_language' },
    variables: { type: 'text' },
    mediaHeader: { type: 'text', name: 'media_header', nullable: true },
    optOutKeywords: { type: 'text', name: 'opt_out_keywords' },
    messagesPerSecond: { type: 'integer', name: 'messages_per_second', nullable: true },
    scheduledAt: { type: 'datetime', name: 'scheduled_at', nullable: true },
    startedAt: { type: 'datetime', name: 'started_at', nullable: true },
    finishedAt: { type: 'datetime', name: 'finished_at', nullable: true },
    notice: { type: 'text', nullable: true },
    retargetOfCampaignId: { type: 'integer', name: 'retarget_of_campaign_id', nullable: true },
    createdByUserId: { type: 'integer', name: 'created_by_user_id', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    {
      target: 'User',
      columnNames: ['created_by_user_id'],
      referencedColumnNames: ['id'],
      onDelete: 'SET NULL',
    },
    {
      target: 'Campaign',
      columnNames: ['retarget_of_campaign_id'],
      referencedColumnNames: ['id'],
      onDelete: 'SET NULL',
    },
  ],
});

export interface CampaignListRow {
  campaignId: number;
  listId: number;
}

export const CampaignListEntity = new EntitySchema<CampaignListRow>({
  name: 'CampaignList',
  tableName: 'campaign_lists',
  columns: {
    campaignId: { type: 'integer', primary: true, name: 'campaign_id' },
    listId: { type: 'integer', primary: true, name: 'list_id' },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'Campaign', columnNames: ['campaign_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
    { target: 'List', columnNames: ['list_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});

/** A stretch of time a campaign was paused; open (no resumed_at) while it still is. */
export interface CampaignPauseRow {
  id: number;
  campaignId: number;
  pausedAt: Date;
  resumedAt: Date | null;
  /** Why the runner paused it (an account or quality error); null when a person did. */
  reason: string | null;
}

export const CampaignPauseEntity = new EntitySchema<CampaignPauseRow>({
  name: 'CampaignPause',
  tableName: 'campaign_pauses',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    campaignId: { type: 'integer', name: 'campaign_id' },
    pausedAt: { type: 'datetime', name: 'paused_at' },
    resumedAt: { type: 'datetime', name: 'resumed_at', nullable: true },
    reason: { type: 'text', nullable: true },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'Campaign', columnNames: ['campaign_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});
