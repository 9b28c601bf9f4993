/**
 * Reads what `cloudflared tunnel --url …` prints (on stderr, one log line at a time):
 *
 *   … INF Requesting new quick Tunnel on trycloudflare.com...
 *   … INF +--------------------------------------------------------------------------------------------+
 *   … INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |
 *   … INF |  https://seasonal-deck-organisms-sf.trycloudflare.com                                      |
 *   … INF +--------------------------------------------------------------------------------------------+
 *   … INF Registered tunnel connection connIndex=0 connection=… location=sin01 protocol=quic
 *
 * The URL is the first one after the "created" line (other lines quote Cloudflare's terms page), or
 * any `*.trycloudflare.com` address; the tunnel carries traffic once a connection is registered.
 */
export class CloudflaredOutput {
  url: string | null = null;
  registered = false;
  /** The last line logged at ERR level, for a failure message. */
  lastError: string | null = null;
  private announced = false;

  /** Takes one line; returns true when it taught something new. */
  read(rawLine: string): boolean {
    // eslint-disable-next-line no-control-regex -- cloudflared colours its levels on a terminal.
    const line = rawLine.replace(/\u001b\[[0-9;]*m/g, '').trim();
    if (!line) return false;
    if (/quick Tunnel has been created/i.test(line)) {
      this.announced = true;
      return true;
    }
    if (!this.url) {
      const found = this.announced
        ? /\bhttps?:\/\/[^\s|"'<>]+/i.exec(line)?.[0]
        : /\bhttps:\/\/(?!api\.)[a-z0-9-]+\.trycloudflare\.com\b/i.exec(line)?.[0];
      if (found) {
        this.url = found.replace(/\/+$/, '');
        return true;
      }
    }
    if (/Registered tunnel connection/i.test(line)) {
      const first = !this.registered;
      this.registered = true;
      return first;
    }
    const error = /\b(?:ERR|level=error)\b\s*(.*)$/.exec(line)?.[1];
    if (error) {
      this.lastError = error.slice(0, 300);
      return true;
    }
    return false;
  }

  get ready(): boolean {
    return this.url !== null && this.registered;
  }
}
