/**
 * Text made safe for XML element content and attribute values (both quote kinds), with the characters XML 1.0
 * cannot hold at all (most control characters, lone surrogates, U+FFFE/U+FFFF) removed.
 *
 * @example
 * escapeXml('Tom & "Jerry" <3') // 'Tom &amp; &quot;Jerry&quot; &lt;3'
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An XML answer with its content type; cached by browsers and proxies for 5 minutes like the CMS answers. */
export function xmlResponse(body: string, contentType: 'application/rss+xml' | 'application/xml', status = 200): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': `${contentType}; charset=utf-8`, 'Cache-Control': 'public, max-age=300' },
  });
}
