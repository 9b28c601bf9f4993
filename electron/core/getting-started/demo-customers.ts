import { AppError } from '@shared/errors';
import type { DemoCustomerDto } from '@shared/types/organization';
import type { Actor } from '../auth/actor';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { ContactService } from '../contacts/contact-service';
import type { ListService } from '../lists/list-service';

/** The list the demo customers join, so a first campaign has someone to go to. */
export const DEMO_LIST_NAME = 'Sandbox demo customers';

/**
 * The sandbox's simulated customers, who answer what they read, as contacts: what a new owner
 * needs to try a campaign before connecting Meta. Sandbox mode only.
 */
export class DemoCustomers {
  constructor(
    private readonly whatsapp: () => WhatsAppConnection | null,
    private readonly contacts: ContactService,
    private readonly lists: ListService,
  ) {}

  async list(): Promise<DemoCustomerDto[]> {
    const customers = this.sandbox().info.customers;
    return Promise.all(
      customers.map(async (c) => {
        // One who hides their number is known to the shop by user id only, as WhatsApp shows her.
        const phone = c.hidesNumber ? null : `+${c.waId}`;
        return {
          name: c.name,
          phone,
          userId: c.userId,
          username: c.username,
          onWhatsApp: c.onWhatsApp,
          isContact: (await this.find(phone, c.userId)) !== null,
        };
      }),
    );
  }

  /**
   * Adds those not yet contacts and puts every demo customer on the demo list (made when missing),
   * if the caller may change lists; a second call adds nobody twice.
   */
  async addAsContacts(actor: Actor): Promise<{ created: number; listId: number | null }> {
    const customers = await this.list();
    const mayList = actor.permissions.has('lists.write');
    const listId = mayList ? await this.demoListId(actor) : null;
    let created = 0;
    for (const customer of customers) {
      const existing = await this.find(customer.phone, customer.userId);
      if (existing) {
        if (listId) await this.lists.addContacts(actor, listId, [existing.id]);
        continue;
      }
      await this.contacts.create(actor, {
        name: customer.name,
        ...(customer.phone ? { phone: customer.phone } : { userId: customer.userId! }),
        tags: ['sandbox'],
        listIds: listId ? [listId] : [],
      });
      created++;
    }
    return { created, listId };
  }

  private async demoListId(actor: Actor): Promise<number> {
    const found = (await this.lists.list()).find((l) => l.name === DEMO_LIST_NAME);
    if (found) return found.id;
    const made = await this.lists.create(actor, {
      name: DEMO_LIST_NAME,
      description: 'The sandbox’s simulated customers: they read and reply like real ones.',
      tags: ['sandbox'],
    });
    return made.id;
  }

  private async find(phone: string | null, userId: string | null) {
    if (phone) return this.contacts.findByPhone(phone);
    return userId ? this.contacts.findByUserId(userId) : null;
  }

  private sandbox() {
    const sandbox = this.whatsapp()?.sandbox;
    if (!sandbox)
      throw new AppError('CONFLICT', 'WhatsApp is connected to Meta: there are no demo customers');
    return sandbox;
  }
}
