import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parseWebhook,
  verifySignature,
  type WebhookEvent,
} from '../../../../electron/core/whatsapp/webhooks';

export interface ReceivedWebhook {
  rawBody: Buffer;
  signature: string | undefined;
  receivedAt: number;
  /** What the callback answered; null when it left the request hanging. */
  status: number | null;
}

export interface CallbackServer {
  url: string;
  received: ReceivedWebhook[];
  /** Events of every request whose signature checks out with `appSecret`. */
  events(appSecret: string): WebhookEvent[];
  /** Polls until `ready` holds (or fails the test after `timeoutMs`). */
  waitFor(ready: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A stand-in for the app's `/webhook`: keeps the raw bytes of every POST and answers with the status
 * `answer` picks for the n-th request (200 by default), or never answers when it picks 'hang'.
 */
export async function startCallbackServer(
  answer: (n: number) => number | 'hang' = () => 200,
): Promise<CallbackServer> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((rawBody) => {
      const choice = answer(received.length);
      const signature = req.headers['x-hub-signature-256'];
      const status = choice === 'hang' ? null : choice;
      received.push({
        rawBody,
        signature: typeof signature === 'string' ? signature : undefined,
        receivedAt: Date.now(),
        status,
      });
      if (status !== null) res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    events: (appSecret) =>
      received
        .filter((r) => r.status === 200 && verifySignature(r.rawBody, r.signature, appSecret))
        .flatMap((r) => parseWebhook(JSON.parse(r.rawBody.toString('utf8')))),
    waitFor: (ready, timeoutMs = 3000) => waitFor(ready, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function waitFor(ready: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
