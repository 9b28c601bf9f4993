/**
 * How dates and numbers read for the organization. The app's words are English, so the derived
 * locale is English as written in the default country (en-IN: "2 Dec 2026, 8:30 am"; en-US:
 * "Dec 2, 2026, 8:30 AM") where the locale data knows that country, else en-GB.
 */
export function defaultLocale(country: string): string {
  const wanted = `en-${country}`;
  try {
    if (new Intl.DateTimeFormat(wanted).resolvedOptions().locale === wanted) return wanted;
  } catch {
    // A country code Intl does not take: fall through.
  }
  return 'en-GB';
}

/** A well-formed BCP 47 tag whose language the locale data has (en-IN, de-DE, pt-BR, fr). */
export function canonicalLocale(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) return null;
    const language = new Intl.Locale(canonical).language;
    const resolved = new Intl.DateTimeFormat(canonical).resolvedOptions().locale;
    return new Intl.Locale(resolved).language === language ? canonical : null;
  } catch {
    return null;
  }
}

/** An IANA zone name Intl knows, e.g. Asia/Kolkata. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
