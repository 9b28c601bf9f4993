import { Router } from 'express';
import { z } from 'zod';
import { VERTICAL_CODES } from '@shared/business-profile';
import type { SandboxContext } from '../context';
import { graphErrors, sendGraphError } from '../graph-errors';
import { pickFields, publicBase } from '../middleware';
import type { SandboxPhoneNumber } from '../state';
import { templateToWire } from '../template-store';
import { deleteMedia, describeMedia } from './media-routes';
import { setPin } from './registration-routes';

/** Where the sandbox serves profile photos, as pps.whatsapp.net does for Meta (no token needed). */
export const PROFILE_PICTURE_PATH = '/pps';

const DEFAULT_PHONE_FIELDS = ['id', 'display_phone_number', 'verified_name', 'quality_rating'];

/** Limits of reference §5; `description` takes 512 since sources disagree between 256 and 512. */
const profileUpdateSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  about: z.string().min(1).max(139).optional(),
  description: z.string().max(512).optional(),
  // An empty string clears the field.
  address: z.string().max(256).optional(),
  email: z.union([z.literal(''), z.email().max(128)]).optional(),
  profile_picture_handle: z.string().min(1).optional(),
  websites: z
    .array(z.url({ protocol: /^https?$/ }).max(256))
    .max(2)
    .optional(),
  vertical: z.enum(VERTICAL_CODES).optional(),
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
    const picture = number.profilePicture
      ? {
          profile_picture_url: `${publicBase(req)}${PROFILE_PICTURE_PATH}/${number.id}/${number.profilePicture.version}.jpg`,
        }
      : {};
    res.json({
      data: [
        { ...pickFields({ ...number.profile, ...picture }, req.query.fields), messaging_product: 'whatsapp' },
      ],
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
    if (handle !== undefined) {
      const file = ctx.state.uploadedFiles.get(handle);
      if (!file || !['image/jpeg', 'image/png'].includes(file.mimeType)) {
        return sendGraphError(
          res,
          graphErrors.invalidParameter(
            'profile_picture_handle: not a handle of an uploaded JPEG or PNG image',
          ),
        );
      }
      number.profilePicture = {
        data: file.data,
        mimeType: file.mimeType,
        version: (number.profilePicture?.version ?? 0) + 1,
      };
    }
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) Object.assign(number.profile, { [key]: value });
    }
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

  router.post('/:node', (req, res) => {
    const number = ctx.state.phoneNumbers.get(req.params.node);
    if (!number) return sendGraphError(res, graphErrors.unknownObject('POST', req.params.node));
    setPin(ctx, number, req.body, res);
  });

  router.delete('/:node', (req, res) => {
    const media = ctx.state.media.get(req.params.node);
    if (media) return deleteMedia(ctx, req, res, media);
    sendGraphError(res, graphErrors.unknownObject('DELETE', req.params.node));
  });
  return router;
}

/** `GET /pps/<number>/<version>.jpg`: the profile photo's bytes. */
export function profilePictureRoutes(ctx: SandboxContext): Router {
  const router = Router();
  router.get(`${PROFILE_PICTURE_PATH}/:number/:file`, (req, res) => {
    const picture = ctx.state.phoneNumbers.get(req.params.number)?.profilePicture;
    if (!picture || req.params.file !== `${picture.version}.jpg`)
      return void res.status(404).send('Not found');
    res.type(picture.mimeType).send(picture.data);
  });
  return router;
}

function phoneNumberToWire(ctx: SandboxContext, number: SandboxPhoneNumber): Record<string, unknown> {
  const callback = ctx.config().callbackUrl;
  const { registered, codeVerification } = number.registration;
  return {
    id: number.id,
    display_phone_number: number.displayPhoneNumber,
    verified_name: number.verifiedName,
    code_verification_status: codeVerification,
    quality_rating: number.qualityRating,
    // A number only added to the account is not on any platform yet (reference §5).
    platform_type: registered ? 'CLOUD_API' : 'NOT_APPLICABLE',
    throughput: {
      level: registered ? (number.throughputMps >= 1000 ? 'HIGH' : 'STANDARD') : 'NOT_APPLICABLE',
    },
    name_status: number.nameStatus,
    status: registered ? 'CONNECTED' : 'PENDING',
    whatsapp_business_manager_messaging_limit: ctx.state.business.messagingLimitTier,
    ...(callback ? { webhook_configuration: { application: callback } } : {}),
  };
}
