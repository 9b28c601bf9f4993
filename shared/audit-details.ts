/**
 * An audit entry's details as one short line, "key: value · key: value", for the audit log.
 * Values that say nothing (null, an empty list or text) are left out: "listIds: []" on every
 * contact made outside a list only made the line longer. Nested values are written as JSON.
 */
export function describeAuditDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => !isEmpty(value))
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
