import { fold } from './search-text';

/**
 * How a free-text search becomes SQL. Terms of three characters or more match anywhere (a trigram
 * index cannot see shorter ones); a search made only of shorter terms matches the start of the name,
 * or of the international number when it is all digits.
 */
export interface SearchPlan {
  /** Folded terms of 3+ characters, each to be found somewhere in the search document. */
  longTerms: string[];
  /** Folded 1–2 character terms that accompany long terms: checked on the rows those find. */
  shortTerms: string[];
  /** A search of short terms only, matched against the start of the folded name. */
  namePrefix: string | null;
  /** One or two digits only: matched against the start of the international number. */
  phonePrefix: string | null;
}

const PHONE_LIKE = /^[+\d\s().\-/]+$/;

export function planSearch(search: string | undefined): SearchPlan | null {
  const text = search?.trim() ?? '';
  if (!text) return null;
  if (PHONE_LIKE.test(text) && /\d/.test(text)) {
    // "+91 98765-43210" and "919876543210" are the same search: the document holds plain digits.
    const digits = phoneDigits(text);
    if (!digits) return null;
    return digits.length >= 3
      ? { longTerms: [digits], shortTerms: [], namePrefix: null, phonePrefix: null }
      : { longTerms: [], shortTerms: [], namePrefix: null, phonePrefix: digits };
  }
  const terms = fold(text)
    .split(' ')
    .map((term) => (PHONE_LIKE.test(term) && /\d/.test(term) ? phoneDigits(term) : term))
    .filter((term) => term.length > 0);
  const longTerms = terms.filter((t) => [...t].length >= 3);
  const shortTerms = terms.filter((t) => [...t].length < 3);
  if (!longTerms.length) return { longTerms: [], shortTerms: [], namePrefix: fold(text), phonePrefix: null };
  return {
    longTerms: [...new Set(longTerms)],
    shortTerms: [...new Set(shortTerms)],
    namePrefix: null,
    phonePrefix: null,
  };
}

/**
 * The digits of a number as typed. Leading zeros go: a trunk prefix ("098765 43210" at home) or an
 * international prefix ("0044 7911…") is not part of the stored international digits, and what
 * follows it is.
 */
function phoneDigits(text: string): string {
  return text.replace(/\D/g, '').replace(/^0+/, '');
}

/**
 * An FTS5 MATCH string: each term a quoted phrase (quotes doubled), so nothing the user types is
 * read as FTS syntax (AND, OR, NEAR, *, column filters); the phrases are ANDed.
 */
export function ftsMatch(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' ');
}

/** The smallest string greater than every string that starts with `prefix`, for a range scan. */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
