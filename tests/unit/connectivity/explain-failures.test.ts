import { describe, expect, it } from 'vitest';
import { apiVersionWarning } from '../../../electron/core/connectivity/api-version-warning';
import { explainCallbackFailure } from '../../../electron/core/connectivity/explain-callback-failure';
import { explainNgrokError } from '../../../electron/core/tunnel/ngrok/explain-ngrok-error';
import { ApiVersionWatch } from '../../../electron/core/whatsapp/client';
import {
  errorForMissingToken,
  errorFromNoAnswer,
  errorFromResponse,
} from '../../../electron/core/whatsapp/errors';

const request = { method: 'POST', path: '/v25.0/102290129340398/subscribed_apps' };
const context = { url: 'https://myshop.ngrok-free.app/webhook', wabaId: '102290129340398' };
const graph = (code: number, message: string, extra: Record<string, unknown> = {}) =>
  errorFromResponse(
    400,
    { error: { message: `(#${code}) ${message}`, type: 'OAuthException', code, ...extra } },
    request,
  );

describe('why Meta did not take the webhook URL, in plain words', () => {
  it.each([
    [errorForMissingToken(request), /^The WhatsApp access token is not saved yet/],
    [
      errorFromResponse(401, { error: { message: 'Invalid OAuth access token', code: 190 } }, request),
      /^Meta refused the access token/,
    ],
    [
      graph(2200, 'Callback verification failed with the following errors: HTTP Status Code = 502', {
        error_data: { details: 'HTTP Status Code = 502; HTTP Message = Bad Gateway' },
      }),
      /^Meta could not verify https:\/\/myshop\.ngrok-free\.app\/webhook: it sent its verification request there and got "HTTP Status Code = 502; HTTP Message = Bad Gateway"/,
    ],
    [graph(200, 'Permissions error'), /lacks the whatsapp_business_management permission/],
    [
      graph(100, 'Unsupported post request', { error_subcode: 33 }),
      /^Meta does not know the business account 102290129340398/,
    ],
    [graph(4, 'Application request limit reached'), /^Meta is limiting requests/],
    [errorFromNoAnswer('network', request, 'ECONNRESET'), /^Could not reach Meta \(ECONNRESET\)/],
    [graph(131000, 'Something went wrong'), /^Meta refused the webhook URL \(error 131000\)/],
  ])('%#', (error, expected) => {
    expect(explainCallbackFailure(error, context)).toMatch(expected);
  });
});

describe('ngrok errors', () => {
  it('reads the code from the message when errorCode is missing, and never quotes the authtoken', () => {
    const said = explainNgrokError(
      new Error('authentication failed: abc123secret\n\nerror_code: ERR_NGROK_105'),
      {
        authtoken: 'abc123secret',
        domain: '',
      },
    );
    expect(said).toMatch(/^ngrok refused the authtoken/);
    const network = explainNgrokError(
      new Error('failed to connect: dns error resolving connect.ngrok-agent.com'),
      {
        authtoken: 'x',
        domain: '',
      },
    );
    expect(network).toMatch(/^Cannot reach ngrok's servers: failed to connect/);
  });
});

describe('the API version warning', () => {
  it('is none while Meta answers with the version asked, whatever its spelling', () => {
    const watch = new ApiVersionWatch('v25.0');
    watch.observe('v25.0');
    expect(apiVersionWarning(watch.report())).toBeNull();
    watch.observe('v25');
    expect(watch.report().mismatch).toBe(false);
  });

  it('names both versions and what to do, older or newer', () => {
    const watch = new ApiVersionWatch('v25.0');
    const heard: string[] = [];
    watch.onChange((r) => heard.push(r.answered ?? ''));
    watch.observe('v23.0');
    watch.observe('v23.0');
    watch.observe(null);
    expect(heard).toEqual(['v23.0']);
    expect(apiVersionWarning(watch.report())).toMatch(
      /^Wapidesk asks Meta for Graph API v25\.0, but Meta answers with v23\.0: v25\.0 may not be available to this app yet\. Set api_version = "v23\.0"/,
    );
  });
});
