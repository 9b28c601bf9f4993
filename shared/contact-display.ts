/**
 * The one way a customer is named on screen: their name, else their phone number, else their
 * WhatsApp username (customers who hide their number, issue 13). A contact created from an inbound
 * message is named by its number until someone names it, so a name equal to the phone counts as none.
 */
export interface DisplayableContact {
  name: string | null;
  phone: string | null;
  username?: string | null;
}

export function contactDisplayName(contact: DisplayableContact): string {
  const name = contact.name?.trim() ?? '';
  if (name && name !== contact.phone) return name;
  if (contact.phone) return contact.phone;
  if (contact.username) return `@${contact.username.replace(/^@/, '')}`;
  return name || 'Unknown customer';
}

/** Up to two letters for an avatar. */
export function contactInitials(contact: DisplayableContact): string {
  const shown = contactDisplayName(contact);
  if (!/\p{L}/u.test(shown)) return '#';
  return shown
    .split(/\s+/)
    .filter((part) => /\p{L}/u.test(part[0] ?? ''))
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
}
