import { scrubUrls } from '../describe';

/**
 * An ngrok failure in words a shop owner can act on. The SDK's errors end in `error_code:
 * ERR_NGROK_<n>` (it copies the code to `errorCode`); the common ones are named, the rest quoted.
 * The authtoken is cut out of anything quoted.
 */
export function explainNgrokError(error: unknown, context: { authtoken: string; domain: string }): string {
  const raw = error instanceof Error ? error.message : String(error);
  const code =
    (error as { errorCode?: unknown } | null)?.errorCode ?? /\b(ERR_NGROK_\d+)\b/.exec(raw)?.[1] ?? null;
  const domain = context.domain ? ` ${context.domain}` : '';
  switch (code) {
    case 'ERR_NGROK_105':
    case 'ERR_NGROK_106':
    case 'ERR_NGROK_107':
      return 'ngrok refused the authtoken: copy it again from dashboard.ngrok.com (Your Authtoken) and save it in Settings';
    case 'ERR_NGROK_4018':
      return 'ngrok needs an authtoken: sign up free at ngrok.com, copy your authtoken and save it in Settings';
    case 'ERR_NGROK_108':
      return 'ngrok is already running elsewhere with this account, and the free plan allows one at a time: stop the other one';
    case 'ERR_NGROK_313':
    case 'ERR_NGROK_319':
    case 'ERR_NGROK_320':
    case 'ERR_NGROK_326':
      return `ngrok refused the domain${domain}: copy your free static domain exactly as ngrok's dashboard shows it (Domains)`;
    case 'ERR_NGROK_334':
      return `The ngrok domain${domain} is already in use by another ngrok agent: stop the other one`;
    default:
      break;
  }
  const quoted = scrubUrls(raw.split(context.authtoken || '\u0000').join('[authtoken]'))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  if (!code && /connect|dns|resolve|timed? ?out|network|refused/i.test(raw)) {
    return `Cannot reach ngrok's servers: ${quoted}`;
  }
  return `ngrok refused the tunnel${code ? ` (${String(code)})` : ''}: ${quoted}`;
}
