import { OrganizationEntity } from '../db/entities/organization';
import type { OrganizationRow } from '../db/entities/organization';
import type { ReadManager } from '../db/read-db';

/** The one organization this install serves; null only before the first start applied config.toml. */
export function organizationRow(m: ReadManager): Promise<OrganizationRow | null> {
  return m.getRepository(OrganizationEntity).findOne({ where: {} });
}
