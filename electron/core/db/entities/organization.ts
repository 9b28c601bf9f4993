import { EntitySchema } from 'typeorm';

/**
 * The one organization of this install. config.toml gives its first-run values; after that it is
 * edited in the app (Settings → Organization) by those holding settings.write.
 */
export interface OrganizationRow {
  id: number;
  name: string;
  defaultCountry: string;
  timeZone: string;
  /** BCP 47, e.g. en-IN; null: derived from the default country. */
  locale: string | null;
  updatedAt: Date;
}

export const OrganizationEntity = new EntitySchema<OrganizationRow>({
  name: 'Organization',
  tableName: 'organization',
  columns: {
    id: { type: 'integer', primary: true },
    name: { type: 'varchar' },
    defaultCountry: { type: 'varchar', name: 'default_country' },
    timeZone: { type: 'varchar', name: 'time_zone' },
    locale: { type: 'varchar', nullable: true },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});

export type GettingStartedMark = 'sandbox_kept' | 'dismissed';

/** A getting-started step someone marked done by hand, once for the organization. */
export interface GettingStartedMarkRow {
  mark: GettingStartedMark;
  userId: number | null;
  at: Date;
}

export const GettingStartedMarkEntity = new EntitySchema<GettingStartedMarkRow>({
  name: 'GettingStartedMark',
  tableName: 'getting_started_marks',
  columns: {
    mark: { type: 'varchar', primary: true },
    userId: { type: 'integer', name: 'user_id', nullable: true },
    at: { type: 'datetime' },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'User', columnNames: ['user_id'], referencedColumnNames: ['id'], onDelete: 'SET NULL' },
  ],
});
