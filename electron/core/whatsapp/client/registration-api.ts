import type { GraphTransport } from './graph-transport';
import { successSchema } from './response-schemas';

/**
 * Putting a number of the business account on the Cloud API (Meta's "Register a business phone
 * number"): a code by SMS or voice (`request_code`), the code back (`verify_code`), then `register`
 * with the two-step verification PIN. `setPin` changes that PIN on a registered number.
 */
export class RegistrationApi {
  constructor(private readonly transport: GraphTransport) {}

  requestCode(phoneNumberId: string, method: 'SMS' | 'VOICE', language: string): Promise<boolean> {
    return this.post(`${encodeURIComponent(phoneNumberId)}/request_code`, {
      code_method: method,
      language,
    });
  }

  verifyCode(phoneNumberId: string, code: string): Promise<boolean> {
    return this.post(`${encodeURIComponent(phoneNumberId)}/verify_code`, { code });
  }

  register(phoneNumberId: string, pin: string): Promise<boolean> {
    return this.post(`${encodeURIComponent(phoneNumberId)}/register`, { messaging_product: 'whatsapp', pin });
  }

  setPin(phoneNumberId: string, pin: string): Promise<boolean> {
    return this.post(encodeURIComponent(phoneNumberId), { pin });
  }

  private async post(target: string, json: Record<string, string>): Promise<boolean> {
    const answer = await this.transport.json({ method: 'POST', target, json }, successSchema);
    return answer.success;
  }
}
