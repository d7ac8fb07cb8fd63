import { describe, expect, test } from 'vitest';
import { rssFeed, sitemap, type FeedPhoto } from '../src/lib/feeds';
import { jsonForScript } from '../src/lib/sharing';
import { escapeXml } from '../src/lib/xml';

describe('escapeXml', () => {
  test.each([
    ['plain', 'plain'],
    ['Tom & "Jerry" <3', 'Tom &amp; &quot;Jerry&quot; &lt;3'],
    ["it's > that", 'it&apos;s &gt; that'],
    [']]></title><x>', ']]&gt;&lt;/title&gt;&lt;x&gt;'],
    ['bell\u0007 and nul\u0000 gone, tab\tkept', 'bell and nul gone, tab\tkept'],
    ['lone \uD800 surrogate, \uFFFE', 'lone  surrogate, '],
    ['Cetti’s 🐦', 'Cetti’s 🐦'],
  ])('%j → %j', (input, output) => expect(escapeXml(input)).toBe(output));
});

describe('jsonForScript', () => {
  test.each([
    [{ a: '</script><script>alert(1)</script>' }],
    [{ a: '<!-- x -->', b: 'a & b', c: '\u2028\u2029' }],
  ])('%j cannot close the script element and parses back to the same data', (data) => {
    const json = jsonForScript(data);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(data);
  });
});

const photo = (over: Partial<FeedPhoto>): FeedPhoto => ({
  documentId: 'p1',
  title: null,
  caption: null,
  location: 'Magee Marsh',
  takenAtLocal: '2021-04-12T07:31:05-04:00',
  publishedAt: '2024-01-02T03:04:05.000Z',
  derivatives: [{ name: 'display', format: 'jpeg', width: 1600, height: 1067, bytes: 4321, url: '/media/derivatives/ab/abc/display.jpg' }],
  species: [{ commonName: 'Yellow Warbler', hideLocation: false }],
  ...over,
});
const channel = { title: 'Plumage & co', description: 'New <photos>', link: 'https://b.example/', self: 'https://b.example/feed.xml' };

describe('rssFeed', () => {
  test('items link to the photo pages, absolute, with the display JPEG as enclosure and the publication date', () => {
    const xml = rssFeed(channel, [photo({})], 'https://b.example');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
    expect(xml).toContain('<title>Plumage &amp; co</title>');
    expect(xml).toContain('<description>New &lt;photos&gt;</description>');
    expect(xml).toContain('<link>https://b.example/photos/p1</link>');
    expect(xml).toContain('<guid isPermaLink="true">https://b.example/photos/p1</guid>');
    expect(xml).toContain('<pubDate>Tue, 02 Jan 2024 03:04:05 GMT</pubDate>');
    expect(xml).toContain('<lastBuildDate>Tue, 02 Jan 2024 03:04:05 GMT</lastBuildDate>');
    expect(xml).toContain('<enclosure url="https://b.example/media/derivatives/ab/abc/display.jpg" length="4321" type="image/jpeg"/>');
    expect(xml).toContain('<description>Yellow Warbler at Magee Marsh, 12 April 2021.</description>');
    expect(xml).toContain('<category>Yellow Warbler</category>');
  });
  test('a species that hides its location keeps the place out of the feed', () => {
    const xml = rssFeed(channel, [photo({ species: [{ commonName: 'Snowy Owl', hideLocation: true }], location: 'Secret Marsh' })], 'https://b.example');
    expect(xml).not.toContain('Secret Marsh');
    expect(xml).toContain('<description>Snowy Owl, 12 April 2021.</description>');
  });
  test('hostile titles and captions are escaped', () => {
    const xml = rssFeed(channel, [photo({ title: '</title><script>x</script>', caption: 'a & b ]]> \u0000' })], 'https://b.example');
    expect(xml).toContain('<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>');
    expect(xml).toContain('a &amp; b ]]&gt; </description>');
    expect(xml).not.toContain('\u0000');
  });
  test('an empty feed is still a channel', () => {
    const xml = rssFeed(channel, [], 'https://b.example');
    expect(xml).not.toContain('<item>');
    expect(xml).not.toContain('lastBuildDate');
  });
});

describe('sitemap', () => {
  test('absolute, escaped locations; lastmod as a date', () => {
    expect(sitemap([{ path: '/' }, { path: '/species/a&b', lastmod: '2024-01-02T03:04:05Z' }], 'https://b.example')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
        '\n  <url><loc>https://b.example/</loc></url>' +
        '\n  <url><loc>https://b.example/species/a&amp;b</loc><lastmod>2024-01-02</lastmod></url>' +
        '\n</urlset>\n',
    );
  });
});
