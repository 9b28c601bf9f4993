import type { AutoReplyMatch, AutoReplySchedule } from '@shared/types/replies';
import { fold } from '../contacts/search-text';
import type { InboundMessage } from '../whatsapp/webhooks';

/** The words of an inbound message a keyword rule looks at: its text, or the button or list choice tapped. */
export function wordsOf(message: InboundMessage): string | null {
  switch (message.type) {
    case 'text':
      return message.text;
    case 'button':
      return message.button.text;
    case 'interactive':
      return message.reply.title;
    default:
      return null;
  }
}

/** Case, accents and spacing never decide: "  Price?" equals "price?". */
function normalise(text: string): string {
  return fold(text);
}

export function matches(match: AutoReplyMatch, keywords: readonly string[], words: string): boolean {
  const said = normalise(words);
  return keywords.some((keyword) => {
    const k = normalise(keyword);
    if (!k) return false;
    switch (match) {
      case 'equals':
        return said === k || said.replace(/[\s\p{P}]+$/u, '') === k;
      case 'contains':
        return said.includes(k);
      case 'starts_with':
        return said.startsWith(k);
    }
  });
}

export function inSchedule(schedule: AutoReplySchedule, open: boolean): boolean {
  return schedule === 'always' || (schedule === 'outside_hours' ? !open : open);
}
