import { pickDerivative, type Derivative } from '@plumage/shared';
import { photoAlt, photoHeading } from './photo-text';
import { escapeXml } from './xml';

/** What an RSS item needs of a photo. */
export interface FeedPhoto {
  documentId: string;
  title: string | null;
  caption: string | null;
  location: string | null;
  takenAtLocal: string | null;
  publishedAt: string | null;
  derivatives: Derivative[] | null;
  species: ReadonlyArray<{ commonName: string; hideLocation?: boolean | null }>;
}

export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute link of the page the feed mirrors. */
  link: string;
  /** Absolute URL of the feed itself. */
  self: string;
}

/** Newest photos a feed lists. */
export const FEED_LENGTH = 20;

/**
 * An RSS 2.0 document of photos (in the order given): title, link and guid on the photo page, the date it was
 * published, a description of the photo (species, place unless a species hides it, date, caption) and the display
 * JPEG as an enclosure. Every text is escaped; URLs are made absolute on `origin`.
 *
 * @example
 * rssFeed({ title: 'Plumage', description: 'New photos', link: 'https://b.example/', self: 'https://b.example/feed.xml' }, photos, 'https://b.example')
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" …'
 */
export function rssFeed(channel: FeedChannel, photos: readonly FeedPhoto[], origin: string): string {
  const newest = photos.map((photo) => Date.parse(photo.publishedAt ?? '')).filter((ms) => !Number.isNaN(ms));
  const lastBuild = newest.length > 0 ? `\n    <lastBuildDate>${new Date(Math.max(...newest)).toUTCString()}</lastBuildDate>` : '';
  const items = photos.map((photo) => rssItem(photo, origin)).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(channel.title)}</title>
    <link>${escapeXml(channel.link)}</link>
    <description>${escapeXml(channel.description)}</description>
    <language>en</language>
    <atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>${lastBuild}${items}
  </channel>
</rss>
`;
}

function rssItem(photo: FeedPhoto, origin: string): string {
  const link = `${origin}/photos/${encodeURIComponent(photo.documentId)}`;
  // photoAlt names the place only when no species of the photo hides it.
  const description = [photoAlt(photo) + '.', photo.caption?.trim() ?? ''].filter((part) => part !== '').join(' ');
  const published = Date.parse(photo.publishedAt ?? '');
  const image = pickDerivative(photo.derivatives, 'display', 'jpeg');
  const lines = [
    `<title>${escapeXml(photoHeading(photo))}</title>`,
    `<link>${escapeXml(link)}</link>`,
    `<guid isPermaLink="true">${escapeXml(link)}</guid>`,
    `<description>${escapeXml(description)}</description>`,
    ...photo.species.map((species) => `<category>${escapeXml(species.commonName)}</category>`),
    ...(Number.isNaN(published) ? [] : [`<pubDate>${new Date(published).toUTCString()}</pubDate>`]),
    ...(image === null ? [] : [`<enclosure url="${escapeXml(origin + image.url)}" length="${image.bytes}" type="image/jpeg"/>`]),
  ];
  return `\n    <item>\n      ${lines.join('\n      ')}\n    </item>`;
}

/** One URL of the sitemap. */
export interface SitemapEntry {
  /** Site-relative path, e.g. `/species/yellow-warbler`. */
  path: string;
  lastmod?: string | null;
}

/**
 * A sitemap (sitemaps.org 0.9) of the given site paths, made absolute on `origin`, escaped.
 *
 * @example
 * sitemap([{ path: '/' }], 'https://b.example') // '…<url><loc>https://b.example/</loc></url>…'
 */
export function sitemap(entries: readonly SitemapEntry[], origin: string): string {
  const urls = entries.map(({ path, lastmod }) => {
    const date = Date.parse(lastmod ?? '');
    const mod = Number.isNaN(date) ? '' : `<lastmod>${new Date(date).toISOString().slice(0, 10)}</lastmod>`;
    return `\n  <url><loc>${escapeXml(origin + path)}</loc>${mod}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}\n</urlset>\n`;
}
