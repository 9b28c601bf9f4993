import { IsNull, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { AuditActorDto, AuditEntryDto } from '@shared/types/people';
import { AuditEntryEntity, type AuditEntryRow } from '../db/entities/audit-entry';
import type { Clock } from '../util/clock';
import type { ReadDb } from '../db/read-db';
import { usersByIds } from '../people/user-rows';
import { userNamesWhere } from '../people/user-names';

export interface AuditRecord {
  actorUserId: number | null;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  details?: Record<string, unknown>;
}

/** Every change a person (or Wapidesk by itself) makes, written in the same transaction as the change. */
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

  /** The newest entries. */
  latest(limit: number): Promise<AuditEntryDto[]> {
    return this.list({ limit });
  }

  /** Newest first; by person (null: Wapidesk itself), by kind of thing, older than a given entry. */
  async list(filter: AuditFilter): Promise<AuditEntryDto[]> {
    const where: FindOptionsWhere<AuditEntryRow> = {};
    if (filter.actorUserId !== undefined) where.actorUserId = filter.actorUserId ?? IsNull();
    if (filter.targetType) where.targetType = filter.targetType;
    if (filter.beforeId) where.id = LessThan(filter.beforeId);
    const rows = await this.db
      .getRepository(AuditEntryEntity)
      .find({ where, order: { id: 'DESC' }, take: filter.limit });
    const actors = await usersByIds(
      this.db,
      rows.map((r) => r.actorUserId).filter((id) => id !== null),
    );
    const byId = new Map(actors.map((u) => [u.id, u]));
    return rows.map((row) => {
      const actor = row.actorUserId === null ? undefined : byId.get(row.actorUserId);
      return {
        id: row.id,
        at: row.at.toISOString(),
        actor: actor?.username ?? null,
        actorUserId: row.actorUserId,
        actorName: actor?.name ?? null,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        details: JSON.parse(row.details) as Record<string, unknown>,
      };
    });
  }

  /** Everyone who appears as the author of an entry, by name. */
  async actors(): Promise<AuditActorDto[]> {
    const rows = await userNamesWhere(this.db, (userId) => ({
      sql: `EXISTS (SELECT 1 FROM audit_log a WHERE a.actor_user_id = ${userId})`,
      params: [],
    }));
    return rows.map((r) => ({ id: r.id, username: r.username, name: r.name }));
  }
}

export interface AuditFilter {
  limit: number;
  actorUserId?: number | null;
  targetType?: string;
  beforeId?: number;
}
