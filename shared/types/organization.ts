/** The organization as the app shows it and the settings screen edits it. */
export interface OrganizationDto {
  name: string;
  /** Two letters (ISO 3166-1): phone numbers typed without a country code get this one. */
  defaultCountry: string;
  /** IANA zone: every date and time a person reads is in it; schedules are set in it. */
  timeZone: string;
  /** BCP 47: how dates and numbers read. */
  locale: string;
  /** True when no locale was chosen and it follows the default country. */
  localeDerived: boolean;
  updatedAt: string;
}

export type GettingStartedStep = 'whatsapp' | 'contacts' | 'testSend' | 'campaign';

export interface GettingStartedDto {
  /** The page was dismissed; it is no longer where the owner lands. */
  dismissed: boolean;
  whatsappMode: 'sandbox' | 'cloud';
  steps: Record<GettingStartedStep, boolean>;
}

export interface DemoCustomerDto {
  name: string;
  /** E.164; null for a customer who hides their number (known by `userId` and `username`). */
  phone: string | null;
  userId: string | null;
  username: string | null;
  /** Sends to a number that is not on WhatsApp fail, as they would with Meta. */
  onWhatsApp: boolean;
  /** Already a contact here. */
  isContact: boolean;
}
