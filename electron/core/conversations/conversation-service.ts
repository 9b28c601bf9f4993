import { AppError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type {
  ContactCampaignDto,
  ConversationCounts,
  ConversationDto,
  ConversationNoteDto,
  ConversationPage,
  InboxPreferences,
  ThreadMessage,
  ThreadPage,
} from '@shared/types/conversations';
import type { MediaContentDto } from '@shared/types/media';
import { contactDisplayName } from '@shared/contact-display';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { campaignNames } from '../campaigns/campaign-names';
import { contactById } from '../contacts/contact-lookup';
import { execute, fromSqlDate, select, sqlDate } from '../db/sql';
import { ConversationLabelEntity, ConversationNoteEntity, InboxPreferenceEntity } from '../db/entities/inbox';
import { mediaById, mediaOfMessage } from '../media/media-rows';
import type { MediaService } from '../media/media-service';
import { campaignMessagesTo } from '../messaging/conversation-campaigns';
import { latestInboundMessage } from '../messaging/inbox-messages';
import { messageById } from '../messaging/message-lookup';
import { userById, usersByIds } from '../people/user-rows';
import { mayReadConversation, type Audience } from '../events/event-access';
import { assertMayRead, viewerOf, type InboxViewer } from './access';
import { recordOpened, recordResolved } from './conversation-figures';
import {
  conversationRow,
  toConversationDto,
  type ConversationRecord,
  type RawConversation,
} from './conversation-dto';
import { countConversations, listConversations, type ConversationFilters } from './conversation-query';
import type { InboxMembers } from './inbox-members';
import { recipientsForAssignment } from './notifier';
import { threadPage, toThreadMessages } from './thread';

/**
 * How long after another member took a conversation an opener is told who took it rather than
 * "not found": longer than a change takes to reach an open list, short enough not to tell anyone
 * who has an old conversation they never saw.
 */
const JUST_TAKEN_MS = 5 * 60_000;

/**
 * The shared inbox: the list and its views, a conversation's thread, who has it, resolve and
 * reopen, labels and private notes. Sending lives in conversation-sender.ts and outbox.ts.
 * Every operation checks, per conversation, that the caller may read it (access.ts).
 */
export class ConversationService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly whatsapp: WhatsAppConnection | null,
    private readonly media: MediaService,
    private readonly members: InboxMembers,
  ) {}

  list(actor: Actor, input: ParsedInputOf<'conversations.list'>): Promise<ConversationPage> {
    return listConversations(this.ctx.db, viewerOf(actor), input, this.ctx.clock.now());
  }

  counts(actor: Actor, filters: ConversationFilters): Promise<ConversationCounts> {
    return countConversations(this.ctx.db, viewerOf(actor), filters);
  }

  /**
   * Conversations with unread customer messages among those `who` may read: the tray's inbox line
   * and the dock/taskbar badge. The "All" view's unread count, from the same partial index.
   */
  async unreadFor(who: Audience): Promise<number> {
    const readsAll = who.permissions.has('conversations.read_all');
    if (!readsAll && !who.permissions.has('conversations.read_assigned')) return 0;
    return (await countConversations(this.ctx.db, { ...who, readsAll }, {})).all.unread;
  }

  async get(actor: Actor, id: number): Promise<ConversationDto> {
    return this.dto(await this.readable(viewerOf(actor), id));
  }

  /**
   * An agent opens a conversation: its unread count goes to zero, the customer's messages are
   * marked read on WhatsApp (blue ticks for them), and when nobody has it yet the opener takes it.
   * One UPDATE through the single writer decides the taker: of two agents opening at once, the
   * first gets it and the second sees it taken. A member who cannot reply only reads.
   */
  async open(actor: Actor, id: number): Promise<ConversationDto> {
    const viewer = viewerOf(actor);
    const before = await this.openable(viewer, id);
    const mayTake = actor.permissions.has('conversations.reply') && actor.apiTokenId === undefined;
    const now = this.ctx.clock.now();
    const taken = await this.ctx.tx.run(async (m) => {
      await execute(m, `UPDATE conversations SET unread_count = 0 WHERE id = ? AND unread_count > 0`, [id]);
      if (!mayTake) return false;
      const changed = await execute(
        m,
        `UPDATE conversations SET assigned_user_id = ?, assigned_at = ? WHERE id = ? AND assigned_user_id IS NULL`,
        [actor.user.id, sqlDate(now), id],
      );
      if (changed)
        await this.audit(m, actor, 'conversation.assigned', id, { userId: actor.user.id, by: 'opened' });
      return changed === 1;
    });
    const after = (await conversationRow(this.ctx.db, id)) ?? before;
    if (taken) this.changed(before, actor.user.id, null);
    else if (before.unreadCount > 0) this.changed(before, after.assignedUserId);
    if (before.unreadCount > 0) this.markReadOnWhatsApp(id);
    // Someone else opened it a moment earlier, and this member reads only their own.
    if (!mayReadConversation(viewer, after.assignedUserId)) throw await this.justTaken(after);
    return toConversationDto(after, this.ctx.clock.now());
  }

  /**
   * What `open` may start from: a conversation this member may read, or one another member took
   * moments ago — the opener's list showed it unassigned until the change reached it, and on a busy
   * machine their read can land after the other's take. They are told who has it, not "not found".
   * Past that moment it is simply someone else's conversation and stays hidden as everywhere else.
   */
  private async openable(viewer: InboxViewer, id: number): Promise<ConversationRecord> {
    const row = await conversationRow(this.ctx.db, id);
    if (!row) throw new AppError('NOT_FOUND', `No conversation with id ${id}`);
    if (mayReadConversation(viewer, row.assignedUserId)) return row;
    const takenAt = row.assignedAt ? fromSqlDate(row.assignedAt).getTime() : null;
    if (takenAt !== null && this.ctx.clock.now().getTime() - takenAt <= JUST_TAKEN_MS)
      throw await this.justTaken(row);
    throw new AppError('NOT_FOUND', `No conversation with id ${id}`);
  }

  private async justTaken(row: RawConversation): Promise<AppError> {
    const taker = row.assignedUserId ? await userById(this.ctx.db, row.assignedUserId) : null;
    return new AppError('CONFLICT', `${taker?.name ?? 'Someone'} has just taken this conversation`);
  }

  async messages(actor: Actor, input: ParsedInputOf<'conversations.messages'>): Promise<ThreadPage> {
    await this.readable(viewerOf(actor), input.conversationId);
    return threadPage(this.ctx.db, input.conversationId, input, this.ctx.clock.now());
  }

  async message(actor: Actor, id: number): Promise<ThreadMessage> {
    const row = await messageById(this.ctx.db, id);
    if (!row || row.conversationId === null) throw new AppError('NOT_FOUND', `No message with id ${id}`);
    await this.readable(viewerOf(actor), row.conversationId).catch(() => {
      throw new AppError('NOT_FOUND', `No message with id ${id}`);
    });
    const [message] = await toThreadMessages(this.ctx.db, [row], this.ctx.clock.now());
    return message!;
  }

  /** Hands a conversation to a member who may read it, or to nobody; the new assignee is told. */
  async assign(actor: Actor, id: number, userId: number | null): Promise<ConversationDto> {
    const before = await this.readable(viewerOf(actor), id);
    if (userId !== null) {
      const member = (await this.members.list()).find((m) => m.userId === userId);
      if (!member) {
        throw new AppError('VALIDATION', 'That member cannot read conversations, or is disabled', {
          fields: [{ field: 'userId', message: 'Cannot be given conversations' }],
        });
      }
    }
    if (before.assignedUserId === userId) return this.dto(before);
    await this.ctx.tx.run(async (m) => {
      await execute(m, `UPDATE conversations SET assigned_user_id = ?, assigned_at = ? WHERE id = ?`, [
        userId,
        userId === null ? null : sqlDate(this.ctx.clock.now()),
        id,
      ]);
      await this.audit(m, actor, userId === null ? 'conversation.unassigned' : 'conversation.assigned', id, {
        userId,
        previousUserId: before.assignedUserId,
      });
    });
    this.changed(before, userId, before.assignedUserId);
    const recipients = recipientsForAssignment(userId, actor.user.id);
    if (recipients.length) {
      const contact = await contactById(this.ctx.db, before.contactId);
      this.ctx.events.publish('inbox.notification', {
        kind: 'assigned_to_you',
        conversationId: id,
        assignedUserId: userId,
        userIds: recipients,
        title: contact ? contactDisplayName(contact) : 'A conversation',
        body: `${actor.user.name} assigned this conversation to you`,
        at: this.ctx.clock.now().toISOString(),
      });
    }
    return this.get(actor, id);
  }

  async resolve(actor: Actor, id: number): Promise<ConversationDto> {
    return this.setStatus(actor, id, 'closed');
  }

  async reopen(actor: Actor, id: number): Promise<ConversationDto> {
    return this.setStatus(actor, id, 'open');
  }

  private async setStatus(actor: Actor, id: number, status: 'open' | 'closed'): Promise<ConversationDto> {
    const before = await this.readable(viewerOf(actor), id);
    if (before.status !== status) {
      const now = this.ctx.clock.now();
      await this.ctx.tx.run(async (m) => {
        await execute(m, `UPDATE conversations SET status = ?, resolved_at = ? WHERE id = ?`, [
          status,
          status === 'closed' ? sqlDate(now) : null,
          id,
        ]);
        if (status === 'closed') await recordResolved(m, before.assignedUserId, now);
        else await recordOpened(m, id, now, false);
        await this.audit(
          m,
          actor,
          status === 'closed' ? 'conversation.resolved' : 'conversation.reopened',
          id,
        );
      });
      this.changed(before, before.assignedUserId);
    }
    return this.get(actor, id);
  }

  async setLabels(actor: Actor, id: number, labels: string[]): Promise<ConversationDto> {
    const before = await this.readable(viewerOf(actor), id);
    await this.ctx.tx.run(async (m) => {
      const repo = m.getRepository(ConversationLabelEntity);
      await repo.delete({ conversationId: id });
      if (labels.length) await repo.insert(labels.map((label) => ({ conversationId: id, label })));
    });
    this.changed(before, before.assignedUserId);
    return this.get(actor, id);
  }

  async labels(): Promise<string[]> {
    const rows = await select<{ label: string }>(
      this.ctx.db,
      'SELECT DISTINCT label FROM conversation_labels ORDER BY label',
    );
    return rows.map((r) => r.label);
  }

  async notes(actor: Actor, conversationId: number): Promise<ConversationNoteDto[]> {
    await this.readable(viewerOf(actor), conversationId);
    const rows = await this.ctx.db
      .getRepository(ConversationNoteEntity)
      .find({ where: { conversationId }, order: { id: 'ASC' } });
    return this.noteDtos(rows);
  }

  async addNote(actor: Actor, conversationId: number, text: string): Promise<ConversationNoteDto> {
    const before = await this.readable(viewerOf(actor), conversationId);
    const id = await this.ctx.tx.run(async (m) => {
      const result = await m.getRepository(ConversationNoteEntity).insert({
        conversationId,
        authorUserId: actor.user.id,
        text,
        createdAt: this.ctx.clock.now(),
      });
      return result.identifiers[0]!.id as number;
    });
    this.changed(before, before.assignedUserId);
    const row = await this.ctx.db.getRepository(ConversationNoteEntity).findOneByOrFail({ id });
    return (await this.noteDtos([row]))[0]!;
  }

  async deleteNote(actor: Actor, id: number): Promise<void> {
    const note = await this.ctx.db.getRepository(ConversationNoteEntity).findOneBy({ id });
    if (!note) throw new AppError('NOT_FOUND', `No note with id ${id}`);
    const before = await this.readable(viewerOf(actor), note.conversationId);
    const admin = actor.user.kind === 'admin' || actor.user.kind === 'super_admin';
    if (note.authorUserId !== actor.user.id && !admin) {
      throw new AppError('FORBIDDEN', 'Only its author or an admin may delete a note');
    }
    await this.ctx.tx.run((m) => m.getRepository(ConversationNoteEntity).delete({ id }));
    this.changed(before, before.assignedUserId);
  }

  /** The campaigns the customer received, newest first, and whether they wrote back before the next. */
  async contactCampaigns(actor: Actor, conversationId: number): Promise<ContactCampaignDto[]> {
    const conversation = await this.readable(viewerOf(actor), conversationId);
    const rows = await campaignMessagesTo(this.ctx.db, conversation.contactId, 50);
    const names = await campaignNames(
      this.ctx.db,
      rows.map((r) => r.campaignId),
    );
    return rows.flatMap((r) => {
      const name = names.get(r.campaignId);
      // As the join with campaigns did, a message whose campaign is gone is left out (none should be:
      // deleting a campaign unlinks its messages).
      if (name === undefined) return [];
      return [
        {
          campaignId: r.campaignId,
          name,
          sentAt: r.sentAt ? fromSqlDate(r.sentAt).toISOString() : null,
          status: r.status,
          replied: r.replied === 1,
          errorTitle: r.errorTitle,
        },
      ];
    });
  }

  async preferences(actor: Actor): Promise<InboxPreferences> {
    const row = await this.ctx.db.getRepository(InboxPreferenceEntity).findOneBy({ userId: actor.user.id });
    return { available: row?.available ?? true };
  }

  async setPreferences(actor: Actor, preferences: InboxPreferences): Promise<InboxPreferences> {
    await this.ctx.tx.run((m) =>
      m
        .getRepository(InboxPreferenceEntity)
        .save({ userId: actor.user.id, available: preferences.available, updatedAt: this.ctx.clock.now() }),
    );
    this.members.invalidate();
    return this.preferences(actor);
  }

  /**
   * The bytes of a library file (media.read) or of a message's media (whoever may read its
   * conversation), for the app's own screens.
   */
  /**
   * A file's bytes for the window: a message's media for whoever may read its conversation, or a
   * library file (never a customer's inbound file) for media.read.
   */
  async mediaContent(actor: Actor, ref: { mediaId?: number; messageId?: number }): Promise<MediaContentDto> {
    if (ref.messageId === undefined) {
      if (!actor.permissions.has('media.read')) {
        throw new AppError('FORBIDDEN', 'You need the “media.read” permission');
      }
      return this.media.content(ref.mediaId!);
    }
    const message = await messageById(this.ctx.db, ref.messageId);
    if (!message || message.conversationId === null) {
      throw new AppError('NOT_FOUND', `No message with id ${ref.messageId}`);
    }
    await this.readable(viewerOf(actor), message.conversationId);
    const file = await mediaOfMessage(this.ctx.db, message.id);
    const mediaId = file?.id ?? mediaIdOf(message.payload);
    if (mediaId === undefined) throw new AppError('NOT_FOUND', 'This message has no file (yet)');
    const row = await mediaById(this.ctx.db, mediaId);
    if (!row) throw new AppError('NOT_FOUND', `No media with id ${mediaId}`);
    const data = await this.media.files.read(row.phoneNumberId, row.storageName);
    if (!data) throw new AppError('NOT_FOUND', 'The file is missing from the media folder');
    return {
      mimeType: row.mimeType,
      fileName: row.fileName,
      sizeBytes: row.sizeBytes,
      contentBase64: data.toString('base64'),
    };
  }

  /** A conversation the viewer may read, or NOT_FOUND. */
  async readable(viewer: InboxViewer, id: number): Promise<ConversationRecord> {
    const row = await conversationRow(this.ctx.db, id);
    if (!row) throw new AppError('NOT_FOUND', `No conversation with id ${id}`);
    assertMayRead(viewer, row);
    return row;
  }

  /** The DTO of a conversation as it is now. */
  async dto(row: Pick<RawConversation, 'id'>): Promise<ConversationDto> {
    const fresh = await conversationRow(this.ctx.db, row.id);
    if (!fresh) throw new AppError('NOT_FOUND', `No conversation with id ${row.id}`);
    return toConversationDto(fresh, this.ctx.clock.now());
  }

  /** Tells windows; `previous` makes those who could read it before hear that it left them. */
  changed(row: RawConversation, assignedUserId: number | null, previous?: number | null): void {
    this.ctx.events.publish('conversations.changed', {
      conversationId: row.id,
      contactId: row.contactId,
      assignedUserId,
      ...(previous !== undefined && previous !== assignedUserId ? { previousAssignedUserId: previous } : {}),
    });
  }

  /** The customer's newest message marked read on WhatsApp (and all before it); failures are only logged. */
  private markReadOnWhatsApp(conversationId: number): void {
    const whatsapp = this.whatsapp;
    if (!whatsapp) return;
    void (async () => {
      const last = await latestInboundMessage(this.ctx.db, conversationId);
      if (last) await whatsapp.client.messages.markAsRead(last.phoneNumberId, last.waMessageId);
    })().catch((error: unknown) =>
      this.ctx.logger.warn(
        `could not mark conversation ${conversationId} read on WhatsApp: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }

  private async noteDtos(
    rows: {
      id: number;
      conversationId: number;
      authorUserId: number | null;
      text: string;
      createdAt: Date;
    }[],
  ) {
    const authors = await usersByIds(
      this.ctx.db,
      rows.map((r) => r.authorUserId).filter((id) => id !== null),
    );
    const names = new Map(authors.map((a) => [a.id, a.name]));
    return rows.map((r) => ({
      id: r.id,
      conversationId: r.conversationId,
      author: r.authorUserId === null ? null : { id: r.authorUserId, name: names.get(r.authorUserId) ?? '' },
      text: r.text,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  private audit(
    m: EntityManager,
    actor: Actor,
    action: string,
    id: number,
    details: Record<string, unknown> = {},
  ) {
    return this.ctx.audit.record(m, {
      actorUserId: actor.user.id,
      action,
      targetType: 'conversation',
      targetId: id,
      details: actor.apiTokenId !== undefined ? { ...details, apiTokenId: actor.apiTokenId } : details,
    });
  }
}

/** An outbound inbox message's library file. */
function mediaIdOf(payload: string): number | undefined {
  try {
    const parsed = JSON.parse(payload) as {
      inbox?: boolean;
      mediaId?: unknown;
      mediaHeader?: { mediaId?: unknown };
    };
    if (parsed.inbox !== true) return undefined;
    if (typeof parsed.mediaId === 'number') return parsed.mediaId;
    if (typeof parsed.mediaHeader?.mediaId === 'number') return parsed.mediaHeader.mediaId;
    return undefined;
  } catch {
    return undefined;
  }
}
