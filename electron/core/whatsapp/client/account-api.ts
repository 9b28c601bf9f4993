import { z } from 'zod';
import { readAllPages } from './follow-pages';
import type { GraphTransport } from './graph-transport';
import { graphId, successSchema } from './response-schemas';
import {
  MESSAGING_LIMIT_TIERS,
  THROUGHPUT_LEVEL_MPS,
  type BusinessProfile,
  type BusinessProfileUpdate,
  type PhoneNumberInfo,
} from './types/account';

const PHONE_FIELDS = [
  'id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'code_verification_status',
  'name_status',
  'status',
  'platform_type',
  'throughput',
  'whatsapp_business_manager_messaging_limit',
].join(',');

const PROFILE_FIELDS = 'about,address,description,email,profile_picture_url,websites,vertical';

const phoneNumberSchema = z.looseObject({
  id: graphId,
  display_phone_number: z.string(),
  verified_name: z.string().optional(),
  quality_rating: z.string().optional(),
  code_verification_status: z.string().optional(),
  name_status: z.string().optional(),
  status: z.string().optional(),
  platform_type: z.string().optional(),
  throughput: z.looseObject({ level: z.string().optional() }).optional(),
  whatsapp_business_manager_messaging_limit: z.string().optional(),
  messaging_limit_tier: z.string().optional(),
});

const profileFields = z.looseObject({
  about: z.string().optional(),
  address: z.string().optional(),
  description: z.string().optional(),
  email: z.string().optional(),
  profile_picture_url: z.string().optional(),
  websites: z.array(z.string()).optional(),
  vertical: z.string().optional(),
});

/** Meta documents a flat `data[0]`; its OpenAPI example wraps it in `business_profile`. Both are read. */
const profileAnswerSchema = z.looseObject({
  data: z.array(profileFields.extend({ business_profile: profileFields.optional() })).optional(),
  business_profile: profileFields.optional(),
});

/** The business's phone numbers: quality, messaging limit and throughput. */
export class PhoneNumbersApi {
  constructor(private readonly transport: GraphTransport) {}

  async list(wabaId: string): Promise<PhoneNumberInfo[]> {
    const rows = await readAllPages(
      this.transport,
      {
        method: 'GET',
        target: `${encodeURIComponent(wabaId)}/phone_numbers`,
        query: { fields: PHONE_FIELDS },
      },
      phoneNumberSchema,
    );
    return rows.map(toPhoneNumberInfo);
  }

  async get(phoneNumberId: string): Promise<PhoneNumberInfo> {
    const row = await this.transport.json(
      { method: 'GET', target: encodeURIComponent(phoneNumberId), query: { fields: PHONE_FIELDS } },
      phoneNumberSchema,
    );
    return toPhoneNumberInfo(row);
  }
}

/** The WhatsApp business profile shown to customers. */
export class BusinessProfileApi {
  constructor(private readonly transport: GraphTransport) {}

  async get(phoneNumberId: string): Promise<BusinessProfile> {
    const answer = await this.transport.json(
      {
        method: 'GET',
        target: `${encodeURIComponent(phoneNumberId)}/whatsapp_business_profile`,
        query: { fields: PROFILE_FIELDS },
      },
      profileAnswerSchema,
    );
    const row = answer.data?.[0];
    const found = row?.business_profile ?? row ?? answer.business_profile;
    return pickProfile(found ?? {});
  }

  async update(phoneNumberId: string, update: BusinessProfileUpdate): Promise<boolean> {
    const answer = await this.transport.json(
      {
        method: 'POST',
        target: `${encodeURIComponent(phoneNumberId)}/whatsapp_business_profile`,
        json: { messaging_product: 'whatsapp', ...update },
      },
      successSchema,
    );
    return answer.success;
  }
}

function toPhoneNumberInfo(row: z.output<typeof phoneNumberSchema>): PhoneNumberInfo {
  const tier = row.whatsapp_business_manager_messaging_limit ?? row.messaging_limit_tier ?? null;
  const level = row.throughput?.level ?? null;
  return {
    id: row.id,
    displayPhoneNumber: row.display_phone_number,
    verifiedName: row.verified_name ?? null,
    qualityRating: row.quality_rating ?? 'UNKNOWN',
    messagingLimitTier: tier,
    dailyUniqueRecipientLimit: tier && tier in MESSAGING_LIMIT_TIERS ? limitOf(tier) : null,
    throughputLevel: level,
    throughputMps: level ? (THROUGHPUT_LEVEL_MPS[level] ?? null) : null,
    status: row.status ?? null,
    nameStatus: row.name_status ?? null,
    codeVerificationStatus: row.code_verification_status ?? null,
    platformType: row.platform_type ?? null,
  };
}

function limitOf(tier: string): number | null {
  return MESSAGING_LIMIT_TIERS[tier as keyof typeof MESSAGING_LIMIT_TIERS];
}

/** Only the profile's own fields, so `messaging_product` and wrappers do not leak into the result. */
function pickProfile(source: z.output<typeof profileFields>): BusinessProfile {
  const { about, address, description, email, profile_picture_url, websites, vertical } = source;
  const profile: BusinessProfile = {
    about,
    address,
    description,
    email,
    profile_picture_url,
    websites,
    vertical,
  };
  for (const key of Object.keys(profile) as (keyof BusinessProfile)[]) {
    if (profile[key] === undefined) delete profile[key];
  }
  return profile;
}
