import { EntitySchema } from 'typeorm';

export interface AuditEntryRow {
  id: number;
  at: Date;
  actorUserId: number | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** JSON text: what changed. Never a password or a token. */
  details: string;
}

export const AuditEntryEntity = new EntitySchema<AuditEntryRow>({
  name: 'AuditEntry',
  tableName: 'audit_log',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    at: { type: 'datetime' },
    actorUserId: { type: 'integer', name: 'actor_user_id', nullable: true },
    action: { type: 'varchar' },
    targetType: { type: 'varchar', name: 'target_type' },
    targetId: { type: 'varchar', name: 'target_id', nullable: true },
    details: { type: 'text' },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'User', columnNames: ['actor_user_id'], referencedColumnNames: ['id'], onDelete: 'SET NULL' },
  ],
});
