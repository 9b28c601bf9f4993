/**
 * Text folding shared by what is stored (name keys, search documents) and what is searched, so
 * "jose" finds "José Müller" and "MULLER" finds "müller".
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SearchDocParts {
  name: string;
  waId: string | null;
  /** A customer who hides their number is found by their username. */
  username?: string | null;
  email: string | null;
  tags: readonly string[];
  attributes: Readonly<Record<string, string>>;
}

/**
 * The text the trigram index holds for one contact: folded name, the number's digits (the national
 * number is their tail, so "98765 43210" is found too; search drops a dialled leading 0), email,
 * tags and attribute values. Keys are left out: searching "city" should not find every contact
 * that has a city.
 */
export function buildSearchDoc(parts: SearchDocParts): string {
  return [
    fold(parts.name),
    parts.waId ?? '',
    parts.username ? fold(parts.username) : '',
    parts.email ? fold(parts.email) : '',
    ...parts.tags.map(fold),
    ...Object.values(parts.attributes).map(fold),
  ]
    .filter((piece) => piece.length > 0)
    .join(' ');
}
