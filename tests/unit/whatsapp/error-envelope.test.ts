import { describe, expect, it } from 'vitest';
import {
  errorFromResponse,
  readGraphErrorEnvelope,
  WhatsAppApiError,
} from '../../../electron/core/whatsapp/errors';

const request = { method: 'POST', path: '/v23.0/106540352242922/messages' };

describe('reading Graph error envelopes', () => {
  it('reads the documented envelope, subcode included', () => {
    const body = {
      error: {
        message: '(#130429) Rate limit hit',
        type: 'OAuthException',
        code: 130429,
        error_data: {
          messaging_product: 'whatsapp',
          details: 'Cloud API message throughput has been reached.',
        },
        error_subcode: 2494055,
        fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam',
      },
    };
    const error = errorFromResponse(400, body, request);
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error.toJSON()).toMatchObject({
      failure: 'api',
      code: 130429,
      subcode: 2494055,
      title: 'Rate limit hit',
      metaMessage: '(#130429) Rate limit hit',
      details: 'Cloud API message throughput has been reached.',
      fbtraceId: 'Az8or2yhqkZfEZ-_4Qn_Bam',
      httpStatus: 400,
      errorClass: 'throttle',
      request,
    });
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('130429');
    expect(error.message).toContain('Rate limit hit');
  });

  it('reads error_data when it is a plain string, as template endpoints send it', () => {
    const parsed = readGraphErrorEnvelope({
      error: {
        message: 'Invalid parameter',
        code: 100,
        error_subcode: 2388024,
        error_data: 'Content exists',
      },
    });
    expect(parsed).toMatchObject({
      code: 100,
      subcode: 2388024,
      details: 'Content exists',
      title: 'Invalid parameter',
    });
  });

  it('reads the generic Graph fields: is_transient and the user-facing texts', () => {
    const error = errorFromResponse(
      429,
      {
        error: {
          message: '(#4) Application request limit reached',
          code: 4,
          error_subcode: 2446079,
          is_transient: true,
          error_user_title: 'Slow down',
          error_user_msg: 'Try again later',
        },
      },
      request,
    );
    expect(error).toMatchObject({
      code: 4,
      isTransient: true,
      userTitle: 'Slow down',
      userMessage: 'Try again later',
    });
    expect(error.subcode).toBe(2446079);
    expect(error.errorClass).toBe('throttle');
  });

  it('leaves the subcode out when Graph does (v16+)', () => {
    const error = errorFromResponse(
      400,
      { error: { message: '(#131026) Message undeliverable', code: 131026 } },
      request,
    );
    expect(error.subcode).toBeUndefined();
    expect(error.details).toBeUndefined();
    expect(error.errorClass).toBe('permanent');
  });

  it('classifies a non-JSON 5xx (a proxy page) by its status', () => {
    const error = errorFromResponse(502, '<html>Bad gateway</html>', request);
    expect(error).toMatchObject({ code: null, httpStatus: 502, errorClass: 'retry', failure: 'api' });
  });

  it('reads a code sent as a numeric string', () => {
    expect(readGraphErrorEnvelope({ error: { code: '190', message: 'bad token' } })?.code).toBe(190);
    expect(readGraphErrorEnvelope({ nothing: true })).toBeNull();
  });
});
