/** A number of the business account, as the Phone numbers screen and `GET /api/v1/phone-numbers` show it. */
export interface PhoneNumberDetailsDto {
  id: string;
  displayPhoneNumber: string;
  /** The display name customers see. */
  verifiedName: string | null;
  /** Whether Meta approved that name: APPROVED, PENDING_REVIEW, DECLINED, EXPIRED, AVAILABLE_WITHOUT_REVIEW, NONE. */
  nameStatus: string | null;
  /** GREEN, YELLOW, RED, or UNKNOWN / NA when WhatsApp has no rating yet. */
  qualityRating: string | null;
  /** `TIER_250`, `TIER_2K`, … `TIER_UNLIMITED`: the portfolio's limit, shared by its numbers. */
  messagingLimitTier: string | null;
  /** Unique customers a day outside a service window; null when unlimited or unknown. */
  dailyLimit: number | null;
  /** Messages a second. */
  throughputMps: number;
  /** CONNECTED, PENDING, … as Meta says it. */
  status: string | null;
  /** Whether the number proved it is the business's by a code: VERIFIED, NOT_VERIFIED, EXPIRED. */
  codeVerificationStatus: string | null;
  /** CLOUD_API once registered; NOT_APPLICABLE while in the account but not on the Cloud API. */
  platformType: string | null;
  /** On the Cloud API: it can send and receive. A number that is not must be registered first. */
  registered: boolean;
  /** When the app last read it from WhatsApp (ISO 8601). */
  updatedAt: string;
}

export type CodeMethod = 'SMS' | 'VOICE';

/** The outcome of one registration step, with the number as WhatsApp now reports it. */
export interface RegistrationStepDto {
  number: PhoneNumberDetailsDto;
  /** What happened, in words for the person doing it. */
  message: string;
  /** Sandbox mode only: the code the sandbox "sent" (a real code arrives on the phone). */
  sandboxCode: string | null;
}

/** A number's WhatsApp business profile, as customers see it. */
export interface BusinessProfileDto {
  phoneNumberId: string;
  about: string;
  address: string;
  description: string;
  email: string;
  websites: string[];
  /** Meta's business category code (see shared/business-profile.ts); null when none is set. */
  vertical: string | null;
  /** Whether a profile photo is set (its bytes: `businessProfile.photo`). */
  hasPhoto: boolean;
}

export interface ProfilePhotoDto {
  mimeType: string;
  contentBase64: string;
}
