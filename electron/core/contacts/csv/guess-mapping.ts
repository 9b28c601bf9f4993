import type { ImportTarget } from '@shared/types/contacts';
import { fold } from '../search-text';

type FieldTarget = 'name' | 'phone' | 'user_id' | 'email' | 'tags';

/** Header names seen in the wild (English first, then common variants), compared after `simplify`. */
const EXACT: Record<FieldTarget, readonly string[]> = {
  name: [
    'name',
    'full name',
    'fullname',
    'customer',
    'customer name',
    'contact',
    'contact name',
    'client',
    'client name',
    'display name',
    'first name',
    'firstname',
    'nombre',
    'nom',
    'nome',
    'naam',
  ],
  phone: [
    'phone',
    'phone number',
    'phone no',
    'mobile',
    'mobile number',
    'mobile no',
    'mobile phone',
    'whatsapp',
    'whatsapp number',
    'whatsapp no',
    'wa number',
    'number',
    'tel',
    'telephone',
    'cell',
    'cell phone',
    'contact number',
    'msisdn',
    'telefono',
    'celular',
    'handy',
    'telefon',
  ],
  // Our export's column, and how other tools name WhatsApp's business-scoped user id.
  user_id: ['user id', 'whatsapp user id', 'wa user id', 'bsuid', 'business scoped user id'],
  email: ['email', 'e mail', 'mail', 'email address', 'e mail address', 'correo'],
  tags: ['tags', 'tag', 'labels', 'label'],
};

/** Words that give a column away when the whole header is not in EXACT ("Customer WhatsApp No."). */
const WORDS: Record<FieldTarget, readonly string[]> = {
  phone: ['phone', 'mobile', 'whatsapp', 'tel', 'telephone', 'cell', 'msisdn'],
  user_id: ['bsuid'],
  email: ['email', 'mail'],
  name: ['name'],
  tags: ['tags', 'labels'],
};

/**
 * Columns our own files write that have no import target (the export's status and opt-out, the
 * error file's reason): importing them as attributes would be wrong.
 */
const EXPORT_ONLY = new Set(['status', 'opted out', 'opt out', 'wa id', 'reason']);

/**
 * A best guess; the user confirms or changes it in the wizard. Each field target is used once. A
 * header that names an attribute key already in use (ignoring case and punctuation) maps to that
 * key, so "City" lands in an existing `City` rather than starting a new `city`.
 */
export function guessMapping(headers: readonly string[], knownKeys: readonly string[] = []): ImportTarget[] {
  const simple = headers.map(simplify);
  const mapping: (ImportTarget | null)[] = headers.map(() => null);
  const used = new Set<FieldTarget>();
  const claim = (matches: (header: string) => FieldTarget | null) => {
    simple.forEach((header, i) => {
      if (mapping[i] !== null) return;
      const target = matches(header);
      if (target && !used.has(target)) {
        used.add(target);
        mapping[i] = target;
      }
    });
  };
  claim((h) => (Object.keys(EXACT) as FieldTarget[]).find((t) => EXACT[t].includes(h)) ?? null);
  claim((h) => {
    const words = h.split(' ');
    return (Object.keys(WORDS) as FieldTarget[]).find((t) => WORDS[t].some((w) => words.includes(w))) ?? null;
  });
  const keys = new Set<string>();
  const known = new Map(knownKeys.map((key) => [simplify(key), key]));
  return mapping.map((target, i) => {
    if (target) return target;
    if (EXPORT_ONLY.has(simple[i]!)) return 'ignore';
    const existing = known.get(simple[i]!);
    if (existing && !keys.has(existing)) {
      keys.add(existing);
      return `attribute:${existing}` as const;
    }
    const key = attributeKeyFor(headers[i]!, keys);
    return key ? (`attribute:${key}` as const) : 'ignore';
  });
}

function simplify(header: string): string {
  return fold(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** `attribute:<snake_case_header>`, within the contract's key rule (a letter first, 40 at most). */
export function attributeKeyFor(header: string, taken: Set<string>): string | null {
  let key = fold(header)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!key) return null;
  if (!/^[a-z]/.test(key)) key = `col_${key}`;
  key = key.slice(0, 40).replace(/_+$/, '');
  let unique = key;
  for (let n = 2; taken.has(unique); n++) unique = `${key.slice(0, 40 - String(n).length - 1)}_${n}`;
  taken.add(unique);
  return unique;
}
