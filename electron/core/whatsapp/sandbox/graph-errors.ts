import type { Response } from 'express';
import { newIds } from './random';

/** An error the sandbox answers with, in Graph's envelope (reference §1). */
export interface GraphErrorSpec {
  code: number;
  title: string;
  details?: string;
  subcode?: number;
  httpStatus?: number;
  type?: string;
  userTitle?: string;
  userMessage?: string;
  /** Template endpoints sometimes send `error_data` as a bare string; the client must read both. */
  errorDataAsString?: boolean;
}

/** Graph's status for codes that are not WhatsApp-specific; WhatsApp codes answer 400 (reference §7). */
function defaultHttpStatus(code: number): number {
  if (code === 190 || code === 0) return 401;
  if (code === 131000) return 500;
  if (code === 2 || code === 133004) return 503;
  return 400;
}

export function graphErrorBody(spec: GraphErrorSpec): { error: Record<string, unknown> } {
  const details = spec.details ?? spec.title;
  return {
    error: {
      message: `(#${spec.code}) ${spec.title}`,
      type: spec.type ?? 'OAuthException',
      code: spec.code,
      ...(spec.subcode !== undefined ? { error_subcode: spec.subcode } : {}),
      error_data: spec.errorDataAsString ? details : { messaging_product: 'whatsapp', details },
      ...(spec.userTitle ? { error_user_title: spec.userTitle, error_user_msg: spec.userMessage ?? '' } : {}),
      fbtrace_id: newIds.fbtrace(),
    },
  };
}

export function sendGraphError(res: Response, spec: GraphErrorSpec): void {
  res.status(spec.httpStatus ?? defaultHttpStatus(spec.code)).json(graphErrorBody(spec));
}

/** The errors the sandbox raises in several places, worded as Meta words them. */
export const graphErrors = {
  invalidToken: (): GraphErrorSpec => ({
    code: 190,
    title: 'Invalid OAuth access token - Cannot parse access token',
  }),
  invalidParameter: (details: string): GraphErrorSpec => ({ code: 100, title: 'Invalid parameter', details }),
  missingParameter: (details: string): GraphErrorSpec => ({
    code: 131008,
    title: 'Required parameter is missing',
    details,
  }),
  invalidValue: (details: string): GraphErrorSpec => ({
    code: 131009,
    title: 'Parameter value is not valid',
    details,
  }),
  unknownObject: (method: string, node: string): GraphErrorSpec => ({
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    title:
      `Unsupported ${method.toLowerCase()} request. Object with ID '${node}' does not exist, cannot be loaded ` +
      'due to missing permissions, or does not support this operation.',
  }),
  mediaError: (details: string): GraphErrorSpec => ({ code: 131053, title: 'Media upload error', details }),
};
