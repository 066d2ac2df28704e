/** Schemes a link in a post may use. Anything else (javascript:, data:, file:, custom apps…) is refused. */
export const linkSchemes: readonly string[] = ['http', 'https', 'mailto'];
/** Schemes an image may load from: no mailto, and no data: (size, tracking pixels, SVG scripts). */
export const imageSchemes: readonly string[] = ['http', 'https'];

// Characters a browser ignores or that can hide a scheme: C0/C1 controls, spaces, soft hyphen,
// zero-width and bidi marks, line/paragraph separators, BOM.
const invisible =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g;

function schemeOf(url: string): string | null {
  const compact = url.replace(invisible, '').toLowerCase();
  // As in the WHATWG URL parser: text before the first `:` is a scheme only if it has scheme syntax;
  // otherwise (`foo):`, `a/b:c`, `?x:y`) the URL is relative.
  return /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1] ?? null;
}

/**
 * True when `url` is relative (path, `?query`, `#fragment`, `//host`) or uses one of `schemes`.
 * The URL is judged both as written and percent-decoded, with invisible characters removed, so
 * `jav&#x09;ascript:`, ` JavaScript:`, `java%0Ascript:` and friends are all recognised and refused.
 * (Entities are already decoded by the Markdown parser before this is called.)
 */
export function isAllowedUrl(url: string, schemes: readonly string[]): boolean {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // Malformed percent-encoding: judge the raw form only.
  }
  for (const form of decoded === url ? [url] : [url, decoded]) {
    const scheme = schemeOf(form);
    if (scheme !== null && !schemes.includes(scheme)) return false;
  }
  return true;
}
