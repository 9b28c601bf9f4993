import type { ParsedInputOf } from '@shared/operations';
import { AppError } from '@shared/errors';
import type { QuickReplyDto } from '@shared/types/replies';
import type { Actor } from '../auth/actor';
import type { CoreContext } from '../core-context';
import { mediaByIds, mediaExists } from '../media/media-rows';
import { QuickReplyEntity, type QuickReplyRow } from '../db/entities/inbox';
import { assertFeatureOn } from './feature';

/** Saved answers with a /shortcut (the composer offers them after `/`). */
export class QuickReplyService {
  constructor(private readonly ctx: CoreContext) {}

  async list(search?: string): Promise<QuickReplyDto[]> {
    assertFeatureOn(this.ctx);
    const rows = await this.ctx.db.getRepository(QuickReplyEntity).find({ order: { shortcut: 'ASC' } });
    const wanted = search?.replace(/^\//, '').toLowerCase();
    const found = wanted
      ? rows.filter(
          (r) =>
            r.shortcut.includes(wanted) ||
            r.title.toLowerCase().includes(wanted) ||
            r.text.toLowerCase().includes(wanted),
        )
      : rows;
    return this.dtos(found);
  }

  async create(actor: Actor, input: ParsedInputOf<'quickReplies.create'>): Promise<QuickReplyDto> {
    assertFeatureOn(this.ctx);
    await this.assertFree(input.shortcut, null);
    await this.assertMedia(input.mediaId);
    const now = this.ctx.clock.now();
    const id = await this.ctx.tx.run(async (m) => {
      const result = await m.getRepository(QuickReplyEntity).insert({
        shortcut: input.shortcut,
        title: input.title,
        text: input.text,
        mediaId: input.mediaId,
        createdByUserId: actor.user.id,
        createdAt: now,
        updatedAt: now,
      });
      const id = result.identifiers[0]!.id as number;
      await this.audit(m, actor, 'quick_reply.created', id, input.shortcut);
      return id;
    });
    return this.get(id);
  }

  async update(actor: Actor, input: ParsedInputOf<'quickReplies.update'>): Promise<QuickReplyDto> {
    assertFeatureOn(this.ctx);
    const row = await this.row(input.id);
    if (input.shortcut !== undefined) await this.assertFree(input.shortcut, row.id);
    if (input.mediaId !== undefined) await this.assertMedia(input.mediaId);
    await this.ctx.tx.run(async (m) => {
      await m.getRepository(QuickReplyEntity).update(
        { id: row.id },
        {
          ...(input.shortcut !== undefined ? { shortcut: input.shortcut } : {}),
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.text !== undefined ? { text: input.text } : {}),
          ...(input.mediaId !== undefined ? { mediaId: input.mediaId } : {}),
          updatedAt: this.ctx.clock.now(),
        },
      );
      await this.audit(m, actor, 'quick_reply.updated', row.id, input.shortcut ?? row.shortcut);
    });
    return this.get(row.id);
  }

  async delete(actor: Actor, id: number): Promise<void> {
    assertFeatureOn(this.ctx);
    const row = await this.row(id);
    await this.ctx.tx.run(async (m) => {
      await m.getRepository(QuickReplyEntity).delete({ id });
      await this.audit(m, actor, 'quick_reply.deleted', id, row.shortcut);
    });
  }

  private async get(id: number): Promise<QuickReplyDto> {
    return (await this.dtos([await this.row(id)]))[0]!;
  }

  private async row(id: number): Promise<QuickReplyRow> {
    const row = await this.ctx.db.getRepository(QuickReplyEntity).findOneBy({ id });
    if (!row) throw new AppError('NOT_FOUND', `No quick reply with id ${id}`);
    return row;
  }

  private async assertFree(shortcut: string, self: number | null): Promise<void> {
    const other = await this.ctx.db.getRepository(QuickReplyEntity).findOneBy({ shortcut });
    if (other && other.id !== self) {
      throw new AppError('VALIDATION', `/${shortcut} is taken`, {
        fields: [{ field: 'shortcut', message: 'Another quick reply has this shortcut' }],
      });
    }
  }

  private async assertMedia(mediaId: number | null): Promise<void> {
    if (mediaId === null) return;
    if (!(await mediaExists(this.ctx.db, mediaId))) {
      throw new AppError('VALIDATION', `No media with id ${mediaId}`, {
        fields: [{ field: 'mediaId', message: 'Not in the media library' }],
      });
    }
  }

  private async dtos(rows: QuickReplyRow[]): Promise<QuickReplyDto[]> {
    const mediaIds = [...new Set(rows.map((r) => r.mediaId).filter((id) => id !== null))];
    const files = await mediaByIds(this.ctx.db, mediaIds);
    const byId = new Map(files.map((f) => [f.id, f]));
    return rows.map((r) => {
      const file = r.mediaId !== null ? byId.get(r.mediaId) : undefined;
      return {
        id: r.id,
        shortcut: r.shortcut,
        title: r.title,
        text: r.text,
        media: file ? { id: file.id, fileName: file.fileName, kind: file.kind } : null,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  private audit(
    m: Parameters<CoreContext['audit']['record']>[0],
    actor: Actor,
    action: string,
    id: number,
    shortcut: string,
  ) {
    return this.ctx.audit.record(m, {
      actorUserId: actor.user.id,
      action,
      targetType: 'quick_reply',
      targetId: id,
      details: { shortcut },
    });
  }
}
