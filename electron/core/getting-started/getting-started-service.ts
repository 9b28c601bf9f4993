import type { GettingStartedDto } from '@shared/types/organization';
import type { Actor } from '../auth/actor';
import { anyCampaignFinished } from '../campaigns/campaign-exists';
import { anyContact } from '../contacts/contact-totals';
import type { CoreContext } from '../core-context';
import { GettingStartedMarkEntity, type GettingStartedMark } from '../db/entities/organization';
import { aTestWentOut } from '../messaging/campaign-test-sends';

/**
 * The first steps a new owner takes, each ticked from what is really there: WhatsApp connected (or
 * the sandbox kept on purpose), contacts, a test that went out, a campaign that finished. Only the
 * two choices a person makes by hand (keeping the sandbox, dismissing the page) are stored.
 */
export class GettingStartedService {
  constructor(private readonly ctx: CoreContext) {}

  async status(): Promise<GettingStartedDto> {
    const marks = new Set(
      (await this.ctx.db.getRepository(GettingStartedMarkEntity).find()).map((row) => row.mark),
    );
    const [contacts, testSend, campaign] = await Promise.all([
      anyContact(this.ctx.db),
      aTestWentOut(this.ctx.db),
      anyCampaignFinished(this.ctx.db),
    ]);
    const mode = this.ctx.config.whatsapp.mode;
    return {
      dismissed: marks.has('dismissed'),
      whatsappMode: mode,
      steps: {
        whatsapp: mode === 'cloud' || marks.has('sandbox_kept'),
        contacts,
        testSend,
        campaign,
      },
    };
  }

  async mark(actor: Actor, mark: GettingStartedMark, done: boolean): Promise<GettingStartedDto> {
    await this.ctx.tx.run(async (m) => {
      const repo = m.getRepository(GettingStartedMarkEntity);
      const exists = await repo.existsBy({ mark });
      if (exists === done) return;
      if (done) await repo.insert({ mark, userId: actor.user.id, at: this.ctx.clock.now() });
      else await repo.delete({ mark });
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: done ? `getting_started.${mark}` : `getting_started.${mark}_undone`,
        targetType: 'organization',
        targetId: 1,
      });
    });
    return this.status();
  }
}
