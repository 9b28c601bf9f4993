import type { EditedContent, InboundMessage } from '../whatsapp/webhooks';

/** The words a person reads and searches for an inbound message (stored as `messages.text`). */
export function inboundText(message: InboundMessage | EditedContent): string | null {
  switch (message.type) {
    case 'text':
      return message.text;
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return message.media.caption ?? message.media.filename;
    case 'button':
      return message.button.text;
    case 'interactive':
      return message.reply.title;
    case 'reaction':
      return message.reaction.emoji;
    case 'location':
      return message.location.name ?? message.location.address;
    case 'contacts':
      return contactNames(message.contacts);
    case 'edit':
      return message.edit.message ? inboundText(message.edit.message) : null;
    default:
      return null;
  }
}

/** A shared contact card's names, so searching for the name finds the card. */
function contactNames(cards: Record<string, unknown>[]): string | null {
  const names = cards
    .map((card) => (card.name as { formatted_name?: unknown } | undefined)?.formatted_name)
    .filter((name): name is string => typeof name === 'string' && name.length > 0);
  return names.length ? names.join(', ') : null;
}
