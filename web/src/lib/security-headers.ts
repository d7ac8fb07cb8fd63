/**
 * The Content-Security-Policy of every page: only the site's own bundled scripts, styles, images and fonts; no
 * inline script or style, no plugins, no framing. Bootstrap's CSS draws form controls with `data:` SVG images.
 * `mediaOrigin` is the bucket's origin when photos are served from object storage (images only).
 *
 * @example
 * contentSecurityPolicy('https://birds.s3.eu-west-1.amazonaws.com') // "default-src 'self'; …; img-src 'self' data: https://birds.s3…; …"
 */
export function contentSecurityPolicy(mediaOrigin: string | null = null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    mediaOrigin === null ? "img-src 'self' data:" : `img-src 'self' data: ${mediaOrigin}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy when photos come from the site itself. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * Headers every answer of the site carries; HSTS only when the site is served over https.
 *
 * @example
 * securityHeaders(false)['X-Content-Type-Options'] // 'nosniff'
 * securityHeaders(true)['Strict-Transport-Security'] // 'max-age=31536000; includeSubDomains'
 */
export function securityHeaders(secure: boolean, mediaOrigin: string | null = null): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(mediaOrigin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(secure ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** The response with the headers set; a response with immutable headers (e.g. `Response.redirect`) is copied first. */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}
