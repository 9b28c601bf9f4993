import { EntitySchema } from 'typeorm';

/** A signed-in window. The id is the SHA-256 of the token; the token itself is never stored. */
export interface SessionRow {
  id: string;
  userId: number;
  transport: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export const SessionEntity = new EntitySchema<SessionRow>({
  name: 'Session',
  tableName: 'sessions',
  columns: {
    id: { type: 'varchar', primary: true },
    userId: { type: 'integer', name: 'user_id' },
    transport: { type: 'varchar' },
    createdAt: { type: 'datetime', name: 'created_at' },
    lastSeenAt: { type: 'datetime', name: 'last_seen_at' },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'User', columnNames: ['user_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});
