import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { sandboxConfigPatchSchema } from './config';
import {
  marketingHoldSchema,
  messagingLimitSchema,
  preferenceSchema,
  templateChangeSchema,
} from './account-events';
import { phoneNumberPatchSchema, type SandboxController } from './controller';
import { customerCallSchema } from './customer-calls';
import { identitySchema } from './customer-identity';
import { customerMessageSchema } from './customer-inbound';

/**
 * `/_sandbox/*`: a test's or a demo's handle on the sandbox. It is not part of Graph and has no
 * token: the sandbox listens on loopback and every secret in it is a throwaway.
 */
export function controlApi(controller: SandboxController): Router {
  const router = Router();
  router.use(express.json());

  router.get('/info', (_req, res) => {
    res.json(controller.info());
  });

  router.get('/customers', (_req, res) => {
    res.json({ data: controller.info().customers });
  });

  router.post('/customers/:waId/messages', (req, res) => {
    const parsed = customerMessageSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    try {
      res.json(controller.customerSends(req.params.waId, parsed.data));
    } catch (error) {
      res.status(400).json({ error: { message: error instanceof Error ? error.message : String(error) } });
    }
  });

  router.post('/customers/:waId/showcase', (req, res) => {
    const parsed = z
      .object({ phoneNumberId: z.string().optional() })
      .strict()
      .safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(res, parsed.error);
    try {
      controller.showcase(req.params.waId, parsed.data.phoneNumberId);
      res.status(202).json({ success: true });
    } catch (error) {
      res.status(400).json({ error: { message: error instanceof Error ? error.message : String(error) } });
    }
  });

  router.post('/customers/:waId/calls', (req, res) => {
    const parsed = customerCallSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    try {
      res.json(controller.customerCalls(req.params.waId, parsed.data));
    } catch (error) {
      res.status(400).json({ error: { message: error instanceof Error ? error.message : String(error) } });
    }
  });

  router.get('/inbound', (req, res) => {
    res.json({
      data: controller.inbound({ from: typeof req.query.from === 'string' ? req.query.from : undefined }),
    });
  });

  router.post('/customers/:waId/preferences', (req, res) => {
    const parsed = preferenceSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    try {
      controller.customerPreference(req.params.waId, parsed.data);
      res.json({ success: true });
    } catch (error) {
      res.status(400).json({ error: { message: error instanceof Error ? error.message : String(error) } });
    }
  });

  router.post('/customers/:waId/identity', (req, res) => {
    const parsed = identitySchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    try {
      controller.setIdentity(req.params.waId, parsed.data);
      res.json({ success: true });
    } catch (error) {
      res.status(400).json({ error: { message: error instanceof Error ? error.message : String(error) } });
    }
  });

  router.post('/customers/:waId/marketing-hold', (req, res) => {
    const parsed = marketingHoldSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    controller.holdMarketing(req.params.waId, parsed.data);
    res.json({ success: true });
  });

  router.post('/templates/:id', (req, res) => {
    const parsed = templateChangeSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    try {
      res.json(controller.changeTemplate(req.params.id, parsed.data));
    } catch (error) {
      res.status(404).json({ error: { message: error instanceof Error ? error.message : String(error) } });
    }
  });

  router.post('/messaging-limit', (req, res) => {
    const parsed = messagingLimitSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    controller.setMessagingLimit(parsed.data);
    res.json({ success: true });
  });

  router.post('/webhooks', (req, res) => {
    const parsed = z
      .object({ field: z.string().regex(/^[a-z_]{1,64}$/), value: z.record(z.string(), z.unknown()) })
      .strict()
      .safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    controller.sendWebhook(parsed.data.field, parsed.data.value);
    res.json({ success: true });
  });

  router.get('/callback-verifications', (_req, res) => {
    res.json({ data: controller.callbackVerifications() });
  });

  router.get('/messages', (req, res) => {
    const text = (key: string) =>
      typeof req.query[key] === 'string' ? (req.query[key] as string) : undefined;
    res.json({
      data: controller.messages({
        to: text('to'),
        phoneNumberId: text('phone_number_id'),
        status: text('status'),
      }),
    });
  });

  router.get('/webhooks', (_req, res) => {
    res.json({ data: controller.webhookDeliveries() });
  });

  router.get('/config', (_req, res) => {
    res.json(controller.config());
  });

  router.post('/config', (req, res) => {
    const parsed = sandboxConfigPatchSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    try {
      res.json(controller.configure(parsed.data));
    } catch (error) {
      // A patch can be valid alone yet not merge (e.g. limits given as a partial of `false`).
      if (error instanceof z.ZodError) return badRequest(res, error);
      throw error;
    }
  });

  router.post('/phone-numbers/:id', (req, res) => {
    const parsed = phoneNumberPatchSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    try {
      controller.setPhoneNumber(req.params.id, parsed.data);
      res.json(controller.info().phoneNumbers.find((n) => n.id === req.params.id));
    } catch (error) {
      res.status(404).json({ error: { message: error instanceof Error ? error.message : String(error) } });
    }
  });

  router.post('/registration-fault', (req, res) => {
    const parsed = z
      .object({
        step: z.enum(['request_code', 'verify_code', 'register']),
        code: z.number().int().positive(),
      })
      .strict()
      .safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    controller.failNextRegistrationStep(parsed.data.step, parsed.data.code);
    res.json({ success: true });
  });

  router.post('/clock', (req, res) => {
    const parsed = z.object({ advanceMs: z.number().int().min(0) }).safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    controller.advanceClock(parsed.data.advanceMs);
    res.json({ success: true });
  });

  router.post('/reset', (_req, res) => {
    controller.reset();
    res.json({ success: true });
  });
  return router;
}

function badRequest(res: Response, error: z.ZodError): void {
  res.status(400).json({
    error: {
      message: 'Invalid request',
      issues: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    },
  });
}
