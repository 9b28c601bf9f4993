import type { EntityManager } from 'typeorm';
import type { AuditEntryDto } from '@shared/types/people';
import { AuditEntryEntity } from '../db/entities/audit-entry';
import type { Clock } from '../util/clock';
import type { ReadDb } from '../db/read-db';
import { UserEntity } from '../db/entities/user';

export interface AuditRecord {
  actorUserId: number | null;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  details?: Record<string, unknown>;
}

/** Every change to people, roles and permissions, written in the same transaction as the change. */
export class AuditLog {
  constructor(
    private readonly db: ReadDb,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.getRepository(AuditEntryEntity).insert({
      at: this.clock.now(),
      actorUserId: entry.actorUserId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId == null ? null : String(entry.targetId),
      details: JSON.stringify(entry.details ?? {}),
    });
  }

  async latest(limit: number): Promise<AuditEntryDto[]> {
    const rows = await this.db.getRepository(AuditEntryEntity).find({ order: { id: 'DESC' }, take: limit });
    const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id) => id !== null))];
    const actors = actorIds.length
      ? await this.db.getRepository(UserEntity).findBy(actorIds.map((id) => ({ id })))
      : [];
    const names = new Map(actors.map((u) => [u.id, u.username]));
    return rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actorUserId === null ? null : (names.get(row.actorUserId) ?? null),
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  }
}
