import type { Outcome } from '@shared/errors';
import type { CoreEvent, CoreEventName } from '@shared/events';
import type { Transport } from './transport';

const TOKEN_KEY = 'wapidesk.session';
const RECONNECT_MS = 3000;

/** This tab's bridge session, for the few bridge routes read with fetch (media previews). */
export function bridgeSessionToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * In a browser (headless mode, tests): the HTTP bridge on the same origin. The session token lives
 * in sessionStorage, so each tab is its own window with its own session, and it travels in the
 * Authorization header, never in a cookie.
 */
export function httpTransport(): Transport {
  const listeners = new Set<(event: CoreEvent) => void>();
  let stream: AbortController | null = null;

  const token = bridgeSessionToken;
  const headers = (): Record<string, string> => {
    const t = token();
    return { 'Content-Type': 'application/json', ...(t ? { Authorization: `Bearer ${t}` } : {}) };
  };

  async function invoke(operation: string, input: unknown): Promise<Outcome<unknown>> {
    // A page opened without a session (the first visit, after signing out) asks who is signed in:
    // the answer is known here, and asking the bridge would log a 401 in the console.
    if (operation === 'auth.session' && !token()) {
      return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } };
    }
    const sent = headers();
    // Signing out forgets the session before asking: a page loaded while the answer is on its way
    // (a reload, a typed address) starts signed out instead of with a session being ended (a 401).
    if (operation === 'auth.logout') sessionStorage.removeItem(TOKEN_KEY);
    let response: Response;
    try {
      response = await fetch(`/bridge/rpc/${encodeURIComponent(operation)}`, {
        method: 'POST',
        headers: sent,
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Wapidesk is not reachable; is it still running?' },
      };
    }
    const outcome = (await response.json()) as Outcome<unknown>;
    if (outcome.ok && operation === 'auth.login') {
      const result = outcome.result as { token?: string };
      if (result.token) sessionStorage.setItem(TOKEN_KEY, result.token);
      delete result.token;
      openStream();
    }
    if (operation === 'auth.logout' || (!outcome.ok && outcome.error.code === 'UNAUTHENTICATED')) {
      sessionStorage.removeItem(TOKEN_KEY);
      closeStream();
    }
    return outcome;
  }

  function emit(name: string, data: string) {
    const event = { name: name as CoreEventName, payload: JSON.parse(data) } as CoreEvent;
    for (const listener of listeners) listener(event);
  }

  /** Server-sent events read with fetch, because EventSource cannot send the Authorization header. */
  async function readStream(controller: AbortController) {
    const response = await fetch('/bridge/events', { headers: headers(), signal: controller.signal });
    if (!response.ok || !response.body) return false;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return true;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name && data) emit(name, data);
      }
    }
  }

  function openStream() {
    if (stream || !token()) return;
    const controller = new AbortController();
    stream = controller;
    const loop = async () => {
      while (stream === controller && token()) {
        const ok = await readStream(controller).catch(() => false);
        if (stream !== controller) return;
        if (!ok && !token()) break;
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
      }
    };
    void loop();
  }

  function closeStream() {
    stream?.abort();
    stream = null;
  }

  return {
    invoke,
    subscribe(listener) {
      listeners.add(listener);
      openStream();
      return () => listeners.delete(listener);
    },
  };
}
