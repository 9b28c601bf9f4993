import { Router, type Request } from 'express';
import type { SandboxContext } from '../context';
import { graphErrors, sendGraphError } from '../graph-errors';
import { pickFields, publicBase } from '../middleware';
import { createTemplate } from '../template-create';
import { templateToWire, type TemplateRecord } from '../template-store';

const DEFAULT_PAGE_SIZE = 25;

/** `/{waba-id}/message_templates`: list with paging, create, delete (reference §3). */
export function templatesRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const isAccount = (node: string) => node === ctx.state.business.id;

  router.get('/:node/message_templates', (req, res) => {
    if (!isAccount(req.params.node))
      return sendGraphError(res, graphErrors.unknownObject('GET', req.params.node));
    const matching = ctx.state.templates.all().filter(filterFrom(req));
    const size = clamp(Number(req.query.limit) || DEFAULT_PAGE_SIZE, 1, 1000);
    const offset = decodeCursor(req.query.after);
    const page = matching.slice(offset, offset + size);
    const data = page.map((t) => pickFields(templateToWire(t), req.query.fields));
    if (page.length === 0) return res.json({ data });
    const after = encodeCursor(offset + page.length);
    const next = offset + page.length < matching.length ? nextPageUrl(req, after) : undefined;
    res.json({
      data,
      paging: { cursors: { before: encodeCursor(offset), after }, ...(next ? { next } : {}) },
    });
  });

  router.post('/:node/message_templates', (req, res) => {
    if (!isAccount(req.params.node))
      return sendGraphError(res, graphErrors.unknownObject('POST', req.params.node));
    const created = createTemplate(ctx, req.body);
    if ('error' in created) return sendGraphError(res, created.error);
    const { id, status, category } = created.record;
    res.json({ id, status, category });
  });

  router.delete('/:node/message_templates', (req, res) => {
    if (!isAccount(req.params.node))
      return sendGraphError(res, graphErrors.unknownObject('DELETE', req.params.node));
    const target = deletionTarget(req);
    if (!target)
      return sendGraphError(
        res,
        graphErrors.invalidParameter('name, hsm_id with name, or hsm_ids is required'),
      );
    const removed = ctx.state.templates.remove(target);
    if (removed === 0) {
      return sendGraphError(res, {
        ...graphErrors.invalidParameter('Message template not found'),
        subcode: 2593002,
      });
    }
    res.json({ success: true });
  });
  return router;
}

function filterFrom(req: Request): (t: TemplateRecord) => boolean {
  const text = (key: string) => (typeof req.query[key] === 'string' ? (req.query[key] as string) : undefined);
  const name = text('name')?.toLowerCase();
  const status = text('status')?.toUpperCase();
  const category = text('category')?.toUpperCase();
  const language = text('language');
  return (t) =>
    (!name || t.name.includes(name)) &&
    (!status || t.status === status) &&
    (!category || t.category === category) &&
    (!language || t.language === language);
}

/** `?name=` removes every language of a name, `&hsm_id=` one template, `?hsm_ids=[…]` up to 100. */
function deletionTarget(req: Request): ((t: TemplateRecord) => boolean) | null {
  const { name, hsm_id: hsmId, hsm_ids: hsmIds } = req.query;
  if (typeof hsmIds === 'string') {
    const ids = parseIdList(hsmIds);
    return ids && ids.length <= 100 ? (t) => ids.includes(t.id) : null;
  }
  if (typeof name !== 'string' || !name) return null;
  if (typeof hsmId === 'string') return (t) => t.id === hsmId && t.name === name;
  return (t) => t.name === name;
}

function parseIdList(text: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
}

function nextPageUrl(req: Request, after: string): string {
  const url = new URL(req.originalUrl, publicBase(req));
  url.searchParams.set('after', after);
  return url.toString();
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: unknown): number {
  if (typeof cursor !== 'string') return 0;
  const offset = Number(/^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())?.[1]);
  return Number.isFinite(offset) ? offset : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(value)));
}
