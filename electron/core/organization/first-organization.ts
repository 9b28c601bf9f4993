import type { EntityManager } from 'typeorm';
import { OrganizationEntity, type OrganizationRow } from '../db/entities/organization';

/**
 * Creates the organization from config.toml's first-run values, unless it exists: after that it is
 * edited in the app (organization-service.ts). In the caller's transaction, beside the super admin.
 */
export async function createOrganizationOnce(
  m: EntityManager,
  values: Pick<OrganizationRow, 'name' | 'defaultCountry' | 'timeZone'>,
  at: Date,
): Promise<void> {
  const organizations = m.getRepository(OrganizationEntity);
  if (await organizations.existsBy({ id: 1 })) return;
  await organizations.insert({ id: 1, ...values, locale: null, updatedAt: at });
}
