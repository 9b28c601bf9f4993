/**
 * `inline` or `attachment` with the file's name (RFC 6266): a plain ASCII `filename` for old
 * clients and `filename*` in UTF-8 for the real one. Quotes, backslashes and anything outside
 * printable ASCII never reach the plain form, so the header cannot be broken out of.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
