import type { Request } from 'express';
import { AppError } from '@shared/errors';
import type { ApiRoute, ParamKind } from './routes';

/**
 * Builds an operation's input from a request; values the schema will reject are passed as they are.
 * A query parameter given twice (`?page=1&page=2`) is refused: which one was meant is a guess, and
 * guessing silently is how a filter gets dropped.
 */
export function routeInput(route: ApiRoute, req: Request): Record<string, unknown> {
  const input: Record<string, unknown> = route.body && isObject(req.body) ? { ...req.body } : {};
  const repeated = Object.keys(route.query ?? {}).filter((name) => typeof req.query[name] === 'object');
  if (repeated.length) {
    const fields = repeated.map((field) => ({ field, message: 'Give this query parameter once' }));
    throw new AppError('VALIDATION', `${repeated.join(', ')}: give each query parameter once`, { fields });
  }
  for (const [name, kind] of Object.entries(route.query ?? {})) {
    const raw = req.query[name];
    if (typeof raw === 'string' && raw !== '') input[name] = convert(raw, kind);
  }
  for (const [name, { field, kind }] of Object.entries(route.params ?? {})) {
    const value = convert(String(req.params[name]), kind);
    input[field] = route.asList === field ? [value] : value;
  }
  return input;
}

function convert(raw: string, kind: ParamKind): unknown {
  if (kind === 'int') return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (kind === 'bool') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
