/**
 * A setting that must be an http(s) URL, parsed; throws a sentence naming the setting otherwise. Both servers check
 * their URL settings at start with it, so a typo stops the start instead of failing the first request.
 *
 * @example
 * parseHttpUrl('https://birds.example.org/', 'PUBLIC_URL').origin // 'https://birds.example.org'
 * parseHttpUrl('ftp://x', 'S3_ENDPOINT') // throws 'S3_ENDPOINT must be an http or https URL: ftp://x'
 */
export function parseHttpUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http or https URL: ${value}`);
  return url;
}
