/**
 * Variables in quick replies and automatic answers: `{{name}}`, `{{first_name}}`, `{{phone}}`,
 * `{{email}}`, and any other `{{key}}` is the contact's attribute of that key. Pure, so the composer
 * (which shows the result before sending) and the core fill them the same way.
 */
export interface VariableContact {
  name: string;
  phone: string | null;
  email: string | null;
  attributes: Readonly<Record<string, string>>;
}

const VARIABLE = /\{\{\s*([a-zA-Z0-9_.-]{1,40})\s*\}\}/g;

/** The names used in a text, in order of first use. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))];
}

/** Fills each variable from the contact; an unknown or empty one becomes empty text. */
export function fillVariables(text: string, contact: VariableContact | null): string {
  return text
    .replace(VARIABLE, (_all, key: string) => (contact ? valueOf(key, contact) : ''))
    .replace(/[ \t]{2,}/g, ' ');
}

function valueOf(key: string, contact: VariableContact): string {
  const named = contact.name && contact.name !== contact.phone ? contact.name.trim() : '';
  switch (key.toLowerCase()) {
    case 'name':
      return named;
    case 'first_name':
      return named.split(/\s+/)[0] ?? '';
    case 'phone':
      return contact.phone ?? '';
    case 'email':
      return contact.email ?? '';
    default:
      return contact.attributes[key] ?? '';
  }
}
