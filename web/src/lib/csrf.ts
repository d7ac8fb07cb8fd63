/** Methods that change nothing and are never checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may change state: safe methods always; others only when their Origin header (or, lacking
 * one, their Referer) is the site's public origin. A request with neither is refused.
 *
 * @example
 * isSameOriginRequest('POST', new Headers({ origin: 'https://birds.example.org' }), 'https://birds.example.org') // true
 * isSameOriginRequest('POST', new Headers({ origin: 'https://evil.example' }), 'https://birds.example.org') // false
 * isSameOriginRequest('POST', new Headers({ referer: 'https://birds.example.org/photos/x' }), 'https://birds.example.org') // true
 */
export function isSameOriginRequest(method: string, headers: Headers, publicOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = headers.get('origin');
  if (origin !== null && origin !== '') return origin === publicOrigin;
  const referer = headers.get('referer');
  if (referer === null || referer === '') return false;
  return originOf(referer) === publicOrigin;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
