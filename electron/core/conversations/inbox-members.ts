import type { AssignableMember } from '@shared/types/conversations';
import type { CoreContext } from '../core-context';
import { InboxPreferenceEntity } from '../db/entities/inbox';
import type { ReadManager } from '../db/read-db';
import { toMemberDtos } from '../people/user-directory';
import { activeUsers } from '../people/user-rows';

/** A member as the inbox sees them: what they read, and whether new conversations should reach them. */
export interface InboxMember {
  userId: number;
  name: string;
  readsAll: boolean;
  readsAssigned: boolean;
  replies: boolean;
  available: boolean;
}

const TTL_MS = 30_000;

/**
 * The enabled members who may read conversations, kept for a short while: an inbound burst (a
 * campaign's replies) asks for them once a message. Any change to people or to a preference drops
 * the copy at once.
 */
export class InboxMembers {
  private cached: { at: number; members: InboxMember[] } | null = null;

  constructor(private readonly ctx: CoreContext) {
    ctx.events.subscribe((delivery) => {
      if (delivery.name === 'people.changed') this.invalidate();
    });
  }

  invalidate(): void {
    this.cached = null;
  }

  async list(m: ReadManager = this.ctx.db): Promise<InboxMember[]> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < TTL_MS) return this.cached.members;
    const users = await activeUsers(m);
    const dtos = await toMemberDtos(m, users, this.ctx.config.features.IS_ROLE_BASED_ACCESS_CONTROL_ENABLED);
    const preferences = await m.getRepository(InboxPreferenceEntity).find();
    const away = new Set(preferences.filter((p) => !p.available).map((p) => p.userId));
    const members = dtos
      .map((dto) => ({
        userId: dto.id,
        name: dto.name,
        readsAll: dto.effectivePermissions.includes('conversations.read_all'),
        readsAssigned: dto.effectivePermissions.includes('conversations.read_assigned'),
        replies: dto.effectivePermissions.includes('conversations.reply'),
        available: !away.has(dto.id),
      }))
      .filter((member) => member.readsAll || member.readsAssigned);
    this.cached = { at: now, members };
    return members;
  }

  async assignable(): Promise<AssignableMember[]> {
    return (await this.list())
      .map((member) => ({
        id: member.userId,
        name: member.name,
        readsAll: member.readsAll,
        available: member.available,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
