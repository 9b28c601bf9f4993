/** The line a person reads for a message in the list, a quote or a notification. */
export interface PreviewSource {
  type: string;
  text: string | null;
  deletedAt: Date | null;
  /** Inbound payloads say whether audio is a voice note. */
  payload?: string;
}

const MAX = 160;

export function previewOf(message: PreviewSource): string {
  if (message.deletedAt) return '🚫 This message was deleted';
  const text = message.text?.trim() || null;
  const line = ((): string => {
    switch (message.type) {
      case 'text':
      case 'button':
      case 'interactive':
        return text ?? '';
      case 'image':
        return `📷 ${text ?? 'Photo'}`;
      case 'video':
        return `🎥 ${text ?? 'Video'}`;
      case 'audio':
        return isVoice(message.payload) ? '🎤 Voice message' : '🎵 Audio';
      case 'document':
        return `📄 ${text ?? 'Document'}`;
      case 'sticker':
        return '🏷️ Sticker';
      case 'location':
        return `📍 ${text ?? 'Location'}`;
      case 'contacts':
        return '👤 Contact card';
      case 'reaction':
        return text ? `Reacted ${text}` : 'Removed a reaction';
      case 'template':
        return text ?? 'Template message';
      case 'unsupported':
        return '⚠️ A message WhatsApp cannot show here';
      default:
        return text ?? `A ${message.type} message`;
    }
  })();
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
}

function isVoice(payload: string | undefined): boolean {
  if (!payload) return false;
  try {
    const parsed = JSON.parse(payload) as { media?: { voice?: unknown } };
    return parsed.media?.voice === true;
  } catch {
    return false;
  }
}
