import type { TemplateRow } from '../db/entities/messaging';

/** Meta's answers to a send whose template is paused (132015) or disabled (132016). */
export const TEMPLATE_ERROR_CODES: readonly number[] = [132015, 132016];

/**
 * Why a campaign's template may not be sent now, as the campaign's notice says it; null when it may.
 * WhatsApp's own reason (from the status webhook) is quoted when there is one.
 */
export function templateHold(template: TemplateRow | null, name: string): string | null {
  if (!template)
    return `Paused: the template “${name}” no longer exists; duplicate the campaign with another.`;
  const why = template.statusReason ? ` (${template.statusReason})` : '';
  switch (template.status) {
    case 'APPROVED':
      return null;
    case 'PAUSED':
      return (
        `Paused: WhatsApp paused the template “${name}” for low quality${why}. ` +
        'Resume the campaign once WhatsApp unpauses it; the templates screen shows its status.'
      );
    case 'DISABLED':
      return (
        `Paused: WhatsApp disabled the template “${name}”${why}; it cannot be sent again. ` +
        'Cancel this campaign and duplicate it with another template for those not yet reached.'
      );
    default:
      return `Paused: the template “${name}” is ${template.status.toLowerCase().replace(/_/g, ' ')}${why}; only an approved template can be sent.`;
  }
}
