import { AppError } from '@shared/errors';
import type { CodeMethod, PhoneNumberDetailsDto, RegistrationStepDto } from '@shared/types/phone-numbers';
import type { Actor } from '../auth/actor';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { PhoneNumberEntity, type PhoneNumberRow } from '../db/entities/messaging';
import { phoneNumberRow, syncPhoneNumbers } from '../messaging/phone-numbers';
import { keepNumbersAsRead } from './numbers-as-read';
import { toPhoneNumberDetails } from './phone-number-dto';
import { explainRegistrationError, type RegistrationStep } from './registration-errors';

/**
 * The account's numbers as the Phone numbers screen manages them: the list with each one's standing,
 * a sync that picks up numbers added in WhatsApp Manager, and registration of a number that is in
 * the account but not yet on the Cloud API (code by SMS or voice, the code back, register with a
 * two-step PIN), each WhatsApp refusal explained in words. WhatsApp is the truth: after every step
 * the number is read again from it.
 */
export class PhoneNumberService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly whatsapp: WhatsAppConnection | null,
  ) {}

  async account(): Promise<PhoneNumberDetailsDto[]> {
    let rows = await this.ctx.db.getRepository(PhoneNumberEntity).find({ order: { id: 'ASC' } });
    // A new install may not have read its numbers yet.
    if (rows.length === 0 && this.whatsapp) rows = await this.syncRows();
    return rows.map(toPhoneNumberDetails);
  }

  async sync(actor: Actor | null): Promise<PhoneNumberDetailsDto[]> {
    const rows = await this.syncRows();
    await this.audit(actor, 'phone_numbers.synced', null, { numbers: rows.length });
    this.ctx.events.publish('phoneNumbers.changed', { phoneNumberId: null, reason: 'synced' });
    return rows.map(toPhoneNumberDetails);
  }

  async requestCode(
    phoneNumberId: string,
    method: CodeMethod,
    language: string,
    actor: Actor | null,
  ): Promise<RegistrationStepDto> {
    await this.known(phoneNumberId);
    await this.step('request_code', () =>
      this.connected().client.registration.requestCode(phoneNumberId, method, language),
    );
    await this.audit(actor, 'phone_number.code_requested', phoneNumberId, { method });
    const how = method === 'SMS' ? 'by SMS' : 'in a voice call';
    return {
      number: await this.refresh(phoneNumberId),
      message: `WhatsApp is sending a six-digit code to the number ${how}. Enter it in the next step; it is valid for a few minutes.`,
      sandboxCode: this.connected().sandbox?.info.registrationCode ?? null,
    };
  }

  async verifyCode(phoneNumberId: string, code: string, actor: Actor | null): Promise<RegistrationStepDto> {
    await this.known(phoneNumberId);
    await this.step('verify_code', () =>
      this.connected().client.registration.verifyCode(phoneNumberId, code),
    );
    await this.audit(actor, 'phone_number.verified', phoneNumberId);
    return {
      number: await this.refresh(phoneNumberId),
      message: 'The number is verified as yours. Choose its two-step verification PIN to register it.',
      sandboxCode: null,
    };
  }

  async register(phoneNumberId: string, pin: string, actor: Actor | null): Promise<RegistrationStepDto> {
    await this.known(phoneNumberId);
    await this.step('register', () => this.connected().client.registration.register(phoneNumberId, pin));
    // Never the PIN itself: the audit log says that it happened, not what it is.
    await this.audit(actor, 'phone_number.registered', phoneNumberId);
    const number = await this.refresh(phoneNumberId);
    return {
      number,
      message: number.registered
        ? 'The number is on WhatsApp’s Cloud API: it can send and receive. Keep the PIN safe; WhatsApp asks for it if the number is registered again.'
        : 'WhatsApp accepted the registration; it may take a few minutes before the number shows as connected.',
      sandboxCode: null,
    };
  }

  async setPin(phoneNumberId: string, pin: string, actor: Actor | null): Promise<{ ok: true }> {
    await this.known(phoneNumberId);
    await this.step('set_pin', () => this.connected().client.registration.setPin(phoneNumberId, pin));
    await this.audit(actor, 'phone_number.pin_set', phoneNumberId);
    return { ok: true };
  }

  private async syncRows(): Promise<PhoneNumberRow[]> {
    try {
      return await syncPhoneNumbers(this.ctx, this.connected());
    } catch (error) {
      if (error instanceof AppError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('CONFLICT', `WhatsApp could not be asked for the account’s numbers: ${reason}`);
    }
  }

  /** Reads one number again from WhatsApp and keeps what it says. */
  private async refresh(phoneNumberId: string): Promise<PhoneNumberDetailsDto> {
    const info = await this.connected().client.phoneNumbers.get(phoneNumberId);
    const row = phoneNumberRow(info, this.ctx.clock.now());
    await this.ctx.tx.run((m) => keepNumbersAsRead(m, [row]));
    this.ctx.events.publish('phoneNumbers.changed', { phoneNumberId, reason: 'registration' });
    return toPhoneNumberDetails(row);
  }

  /** A number of this account; one added in WhatsApp Manager since the last sync is found by syncing. */
  private async known(phoneNumberId: string): Promise<PhoneNumberRow> {
    const repo = this.ctx.db.getRepository(PhoneNumberEntity);
    const found =
      (await repo.findOneBy({ id: phoneNumberId })) ??
      (await this.syncRows()).find((n) => n.id === phoneNumberId);
    if (!found) {
      throw new AppError('NOT_FOUND', `No phone number ${phoneNumberId} in this business account`, {
        fields: [{ field: 'phoneNumberId', message: 'Unknown phone number' }],
      });
    }
    return found;
  }

  private async step(step: RegistrationStep, call: () => Promise<boolean>): Promise<void> {
    let ok: boolean;
    try {
      ok = await call();
    } catch (error) {
      throw explainRegistrationError(error, step);
    }
    if (!ok)
      throw new AppError('CONFLICT', 'WhatsApp did not confirm this step; nothing changed. Try again.');
  }

  private connected(): WhatsAppConnection {
    if (!this.whatsapp) throw new AppError('CONFLICT', 'WhatsApp is not connected');
    return this.whatsapp;
  }

  private audit(
    actor: Actor | null,
    action: string,
    phoneNumberId: string | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.ctx.tx.run((m) =>
      this.ctx.audit.record(m, {
        actorUserId: actor?.user.id ?? null,
        action,
        targetType: 'phone_number',
        targetId: phoneNumberId,
        details,
      }),
    );
  }
}
