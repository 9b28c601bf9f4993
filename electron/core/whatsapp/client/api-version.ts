/** What the client knows of the Graph API version: the one it asks for and the one Meta answers with. */
export interface ApiVersionReport {
  /** The version in every request path, from `[whatsapp] api_version`. */
  asked: string;
  /** The `facebook-api-version` header of the latest answer that had one; null before any answer. */
  answered: string | null;
  /** When that answer came (ISO 8601). */
  answeredAt: string | null;
  /** Meta served another version than the one asked for (reference §1: an expired version is
   *  served by the oldest one still running). */
  mismatch: boolean;
}

/**
 * Reads `facebook-api-version` from every Graph answer. Listeners hear only changes, so a warning is
 * raised once when Meta starts answering with another version, not on every request.
 */
export class ApiVersionWatch {
  private answered: string | null = null;
  private answeredAt: Date | null = null;
  private readonly listeners = new Set<(report: ApiVersionReport) => void>();

  constructor(
    readonly asked: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One answer's header value (null when it had none, e.g. a media download off Graph). */
  observe(header: string | null): void {
    const value = header?.trim();
    if (!value) return;
    const changed = value !== this.answered;
    this.answered = value;
    this.answeredAt = this.now();
    if (!changed) return;
    const report = this.report();
    for (const listener of this.listeners) listener(report);
  }

  report(): ApiVersionReport {
    return {
      asked: this.asked,
      answered: this.answered,
      answeredAt: this.answeredAt?.toISOString() ?? null,
      mismatch: this.answered !== null && !sameVersion(this.answered, this.asked),
    };
  }

  /** Hears each change of the answered version; returns the unsubscribe function. */
  onChange(listener: (report: ApiVersionReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** `v25.0`, `v25` and `25.0` name the same version. */
function sameVersion(a: string, b: string): boolean {
  const normal = (v: string) => v.trim().toLowerCase().replace(/^v/, '').replace(/\.0$/, '');
  return normal(a) === normal(b);
}
