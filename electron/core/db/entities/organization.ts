import { EntitySchema } from 'typeorm';

/** The one organization of this install; config.toml is its source of truth at every start. */
export interface OrganizationRow {
  id: number;
  name: string;
  defaultCountry: string;
  timeZone: string;
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
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});
