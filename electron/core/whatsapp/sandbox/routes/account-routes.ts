import { Router } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { graphErrors, sendGraphError } from '../graph-errors';
import { pickFields } from '../middleware';
import type { SandboxPhoneNumber } from '../state';
import { templateToWire } from '../template-store';
import { deleteMedia, describeMedia } from './media-routes';

const DEFAULT_PHONE_FIELDS = ['id', 'display_phone_number', 'verified_name', 'quality_rating'];

const VERTICALS = [
  'OTHER',
  'AUTO',
  'BEAUTY',
  'APPAREL',
  'EDU',
  'ENTERTAIN',
  'EVENT_PLAN',
  'FINANCE',
  'GROCERY',
  'GOVT',
  'HOTEL',
  'HEALTH',
  'NONPROFIT',
  'PROF_SERVICES',
  'RETAIL',
  'TRAVEL',
  'RESTAURANT',
  'ALCOHOL',
  'ONLINE_GAMBLING',
  'PHYSICAL_GAMBLING',
  'OTC_DRUGS',
] as const;

/** Limits of reference §5; `description` takes 512 since sources disagree between 256 and 512. */
const profileUpdateSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  about: z.string().min(1).max(139).optional(),
  address: z.string().max(256).optional(),
  description: z.string().max(512).optional(),
  email: z.email().max(128).optional(),
  profile_picture_handle: z.string().min(1).optional(),
  websites: z.array(z.url().max(256)).max(2).optional(),
  vertical: z.enum(VERTICALS).optional(),
});

/** Phone numbers, business profile, and `GET`/`DELETE` of a bare node id (reference §4, §5). */
export function accountRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.get('/:node/phone_numbers', (req, res) => {
    if (req.params.node !== ctx.state.business.id)
      return sendGraphError(res, graphErrors.unknownObject('GET', req.params.node));
    const numbers = [...ctx.state.phoneNumbers.values()];
    const data = numbers.map((n) =>
      pickFields(phoneNumberToWire(ctx, n), req.query.fields, DEFAULT_PHONE_FIELDS),
    );
    const cursor = (id: string | undefined) => Buffer.from(id ?? '').toString('base64url');
    res.json({
      data,
      paging: { cursors: { before: cursor(numbers[0]?.id), after: cursor(numbers.at(-1)?.id) } },
    });
  });

  router.get('/:node/whatsapp_business_profile', (req, res) => {
    const number = ctx.state.phoneNumbers.get(req.params.node);
    if (!number) return sendGraphError(res, graphErrors.unknownObject('GET', req.params.node));
    res.json({
      data: [{ ...pickFields({ ...number.profile }, req.query.fields), messaging_product: 'whatsapp' }],
    });
  });

  router.post('/:node/whatsapp_business_profile', (req, res) => {
    const number = ctx.state.phoneNumbers.get(req.params.node);
    if (!number) return sendGraphError(res, graphErrors.unknownObject('POST', req.params.node));
    const parsed = profileUpdateSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendGraphError(
        res,
        graphErrors.invalidParameter(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`),
      );
    }
    const {
      messaging_product: _product,
      profile_picture_handle: handle,
      about,
      address,
      description,
      email,
      websites,
      vertical,
    } = parsed.data;
    const changes = { about, address, description, email, websites, vertical };
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) Object.assign(number.profile, { [key]: value });
    }
    if (handle)
      number.profile.profile_picture_url = `https://pps.whatsapp.net/sandbox/${encodeURIComponent(handle)}.jpg`;
    res.json({ success: true });
  });

  router.get('/:node', (req, res) => {
    const { node } = req.params;
    const media = ctx.state.media.get(node);
    if (media) return describeMedia(ctx, req, res, media);
    const number = ctx.state.phoneNumbers.get(node);
    if (number)
      return res.json(pickFields(phoneNumberToWire(ctx, number), req.query.fields, DEFAULT_PHONE_FIELDS));
    const template = ctx.state.templates.byId(node);
    if (template) return res.json(pickFields(templateToWire(template), req.query.fields));
    if (node === ctx.state.business.id) {
      return res.json(
        pickFields({ id: node, name: ctx.state.business.name, currency: 'USD' }, req.query.fields),
      );
    }
    sendGraphError(res, graphErrors.unknownObject('GET', node));
  });

  router.delete('/:node', (req, res) => {
    const media = ctx.state.media.get(req.params.node);
    if (media) return deleteMedia(ctx, req, res, media);
    sendGraphError(res, graphErrors.unknownObject('DELETE', req.params.node));
  });
  return router;
}

function phoneNumberToWire(ctx: SandboxContext, number: SandboxPhoneNumber): Record<string, unknown> {
  const callback = ctx.config().callbackUrl;
  return {
    id: number.id,
    display_phone_number: number.displayPhoneNumber,
    verified_name: number.verifiedName,
    code_verification_status: 'VERIFIED',
    quality_rating: number.qualityRating,
    platform_type: 'CLOUD_API',
    throughput: { level: number.throughputMps >= 1000 ? 'HIGH' : 'STANDARD' },
    name_status: 'APPROVED',
    status: 'CONNECTED',
    whatsapp_business_manager_messaging_limit: ctx.state.business.messagingLimitTier,
    ...(callback ? { webhook_configuration: { application: callback } } : {}),
  };
}
