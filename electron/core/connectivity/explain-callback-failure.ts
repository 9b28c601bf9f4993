import { WhatsAppApiError } from '../whatsapp/errors';

/**
 * Why Meta did not take the callback URL, in words a shop owner can act on. Meta's own text is
 * quoted only where it says something useful (the verification request's outcome).
 */
export function explainCallbackFailure(error: unknown, context: { url: string; wabaId: string }): string {
  if (!(error instanceof WhatsAppApiError)) {
    return `Could not register the webhook URL: ${error instanceof Error ? error.message : String(error)}`;
  }
  switch (error.failure) {
    case 'no_token':
      return 'The WhatsApp access token is not saved yet: save it in Settings and Wapidesk registers the webhook URL by itself.';
    case 'network':
    case 'timeout':
      return `Could not reach Meta (${error.details ?? error.title}). Wapidesk tries again by itself.`;
    case 'invalid_response':
      return 'Meta answered with something Wapidesk could not read. Wapidesk tries again by itself.';
    case 'api':
      break;
  }
  switch (error.code) {
    case 190:
      return 'Meta refused the access token (expired or revoked): save a new one in Settings.';
    case 2200:
      return (
        `Meta could not verify ${context.url}: it sent its verification request there and got ` +
        `"${error.details ?? error.title}". Check that the tunnel is up; Wapidesk tries again by itself.`
      );
    case 10:
    case 200:
    case 294:
      return 'The access token lacks the whatsapp_business_management permission: create a token that has it.';
    case 4:
    case 17:
    case 32:
    case 613:
    case 80007:
      return 'Meta is limiting requests from this app just now. Wapidesk tries again later.';
    case 100:
      if (error.subcode === 33) {
        return (
          `Meta does not know the business account ${context.wabaId}, or the access token cannot use it: ` +
          'check [whatsapp] business_account_id in config.toml and the token’s assets.'
        );
      }
      return `Meta refused the webhook URL ${context.url}: ${error.details ?? error.title}`;
    default:
      return `Meta refused the webhook URL (error ${error.code ?? 'without a code'}): ${error.details ?? error.title}`;
  }
}
