import type { Permission } from '@shared/permissions';
import type { ConversationDto, ThreadMessage } from '@shared/types/conversations';
import type { CustomerMessage } from '../../../electron/core/whatsapp/sandbox';
import { ShiftedClock } from '../../helpers/clock';
import { ok } from '../../helpers/dispatch';
import { addMember, addRole, signInOwner, tokenOf, type TestMember } from '../../helpers/people';
import type { TestCore } from '../../helpers/test-core';
import { startCampaignApp, type CampaignApp, type CampaignAppOptions } from '../campaigns/campaign-app';

export const PHONE_NUMBER_ID = '106540352242922';

export interface InboxApp extends CampaignApp {
  ownerToken: string;
  /** The app’s clock: real time, which tests may move forward. */
  clock: ShiftedClock;
  /** A simulated customer writes; resolves once the app has applied it. Returns the wamid. */
  customerWrites(waId: string, message: CustomerMessage): Promise<string>;
  /** The conversation of a customer's WhatsApp id (or user id) on the first demo number. */
  conversationOf(waId: string): Promise<ConversationDto>;
  /** A signed-in member whose one role holds exactly these permissions. */
  member(permissions: Permission[], prefix?: string): Promise<TestMember & { token: string }>;
  thread(token: string, conversationId: number): Promise<ThreadMessage[]>;
  /** Until the outbox, the sandbox and the webhook processor have nothing left to do. */
  settle(): Promise<void>;
}

/**
 * The app as start-up wires it in sandbox mode (campaign-app.ts: real HTTP between the sandbox and
 * the public listener, the webhook processor, the outbox), with the owner signed in through the
 * dispatcher as a window would be.
 */
export async function startInboxApp(options: CampaignAppOptions = {}): Promise<InboxApp> {
  const clock = new ShiftedClock();
  const app = await startCampaignApp({
    clock,
    ...options,
    outbox: {
      pollMs: 100,
      policy: { maxAttempts: 3, retryBaseMs: 20, throttleRequeueMs: 20 },
      ...options.outbox,
    },
  });
  const ownerToken = await signInOwner({ core: app.core } as TestCore);
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await app.core.services.outbox.idle();
      await app.quiet();
    }
  };
  return Object.assign(app, {
    ownerToken,
    clock,
    settle,
    customerWrites: async (waId: string, message: CustomerMessage) => {
      const { id } = app.sandbox.customerSends(waId, message);
      await settle();
      return id;
    },
    conversationOf: async (waId: string) => {
      const [row] = await app.core.ctx.db.query<{ id: number }[]>(
        `SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id
          WHERE (k.wa_id = ? OR k.user_id = ?) AND c.phone_number_id = ?`,
        [waId, waId, PHONE_NUMBER_ID],
      );
      if (!row) throw new Error(`no conversation with ${waId}`);
      return ok(app.core, ownerToken, 'conversations.get', { id: row.id });
    },
    member: async (permissions: Permission[], prefix = 'agent') => {
      const role = await addRole(app.core, ownerToken, permissions);
      const member = await addMember(app.core, ownerToken, { roleIds: [role.id], prefix });
      return { ...member, token: tokenOf(member) };
    },
    thread: async (token: string, conversationId: number) =>
      (await ok(app.core, token, 'conversations.messages', { conversationId, limit: 200 })).items,
  });
}

/** What an agent of the inbox holds. */
export const AGENT: Permission[] = [
  'conversations.read_assigned',
  'conversations.reply',
  'replies.read',
  'media.read',
];
