import { findCatalog } from './catalog';
import { FEED_LENGTH, rssFeed, sitemap, type FeedPhoto, type SitemapEntry } from './feeds';
import { speciesPageHref } from './life-list';
import { logger } from './logger';
import { STRAPI_MAX_PAGE_SIZE, type StrapiList } from './photos';
import { settings } from './settings';
import { findSpeciesBySlug, isSlug } from './species';
import { strapi } from './strapi';
import { StrapiUnavailableError, type ReadOptions, type StrapiClient } from './strapi-client';
import type { StrapiParams } from './strapi-query';
import { xmlResponse } from './xml';

/** The query of the newest published photos, as the feed lists them (one request). */
export function newestPhotosParams(): StrapiParams {
  return {
    fields: ['title', 'caption', 'location', 'takenAtLocal', 'publishedAt', 'derivatives'],
    populate: { species: { fields: ['commonName', 'hideLocation'] } },
    sort: ['publishedAt:desc', 'takenAt:desc'],
    pagination: { page: 1, pageSize: FEED_LENGTH },
    status: 'published',
  };
}

/** The sitemap lists at most this many photos (50 requests of 100 when nothing is cached; sitemaps allow 50,000). */
export const SITEMAP_MAX_PHOTOS = 5000;

/** One page of every published photo's documentId, newest first, for the sitemap. */
export function sitemapPhotosParams(page: number): StrapiParams {
  return { fields: ['takenAt'], sort: ['takenAt:desc', 'id:desc'], pagination: { page, pageSize: STRAPI_MAX_PAGE_SIZE }, status: 'published' };
}

/** The documentIds of the published photos, newest first (at most SITEMAP_MAX_PHOTOS): one request, then the rest together. */
export async function findSitemapPhotoIds(client: StrapiClient, options?: ReadOptions): Promise<string[]> {
  const read = (page: number) => client.get<StrapiList<{ documentId: string }>>('/api/photos', sitemapPhotosParams(page), options);
  const first = await read(1);
  const pageCount = Math.min(first.meta.pagination.pageCount, Math.ceil(SITEMAP_MAX_PHOTOS / STRAPI_MAX_PAGE_SIZE));
  const rest = await Promise.all(Array.from({ length: Math.max(0, pageCount - 1) }, (_, index) => read(index + 2)));
  return [first, ...rest].flatMap((answer) => (Array.isArray(answer.data) ? answer.data : []).map((photo) => photo.documentId));
}

/** The photos published last, newest first. */
export async function findNewestPhotos(client: StrapiClient, options?: ReadOptions): Promise<FeedPhoto[]> {
  const answer = await client.get<StrapiList<FeedPhoto>>('/api/photos', newestPhotosParams(), options);
  return (Array.isArray(answer.data) ? answer.data : []).map((photo) => ({ ...photo, species: Array.isArray(photo.species) ? photo.species : [] }));
}

/** `GET /feed.xml`: RSS 2.0 of the newest photos. */
export function siteFeed(signal: AbortSignal): Promise<Response> {
  return unlessUnavailable(async () => {
    const origin = settings().publicOrigin;
    const photos = await findNewestPhotos(strapi(), { signal });
    const channel = { title: 'Plumage: new photos', description: 'The newest bird photographs in the collection.', link: `${origin}/`, self: `${origin}/feed.xml` };
    return xmlResponse(rssFeed(channel, photos, origin), 'application/rss+xml');
  });
}

/** `GET /species/{slug}/feed.xml`: RSS 2.0 of a species' newest photos; 404 for an unknown species. */
export function speciesFeed(slug: string | undefined, signal: AbortSignal): Promise<Response> {
  return unlessUnavailable(async () => {
    const species = isSlug(slug) ? await findSpeciesBySlug(strapi(), slug, { signal }) : null;
    if (species === null || !isSlug(slug)) return plain(404, 'There is no such species.');
    const origin = settings().publicOrigin;
    const page = `${origin}/species/${encodeURIComponent(slug)}`;
    const channel = {
      title: `Plumage: ${species.commonName}`,
      description: `The newest photographs of ${species.commonName}${species.scientificName ? ` (${species.scientificName})` : ''}.`,
      link: page,
      self: `${page}/feed.xml`,
    };
    return xmlResponse(rssFeed(channel, species.photos.slice(0, FEED_LENGTH), origin), 'application/rss+xml');
  });
}

/** `GET /sitemap.xml`: the gallery, the life list, every species page with photos and every photo page. */
export function siteMap(signal: AbortSignal): Promise<Response> {
  return unlessUnavailable(async () => {
    const client = strapi();
    const [catalog, photoIds] = await Promise.all([findCatalog(client, { signal }), findSitemapPhotoIds(client, { signal })]);
    const entries: SitemapEntry[] = [
      { path: '/' },
      { path: '/species' },
      ...catalog.species.flatMap((species) => {
        const href = species.photoCount > 0 ? speciesPageHref(species.slug) : null;
        return href === null ? [] : [{ path: href }];
      }),
      ...photoIds.map((documentId) => ({ path: `/photos/${encodeURIComponent(documentId)}` })),
    ];
    return xmlResponse(sitemap(entries, settings().publicOrigin), 'application/xml');
  });
}

async function unlessUnavailable(load: () => Promise<Response>): Promise<Response> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof StrapiUnavailableError)) throw error;
    logger().warn({ reason: error.reason, err: { message: error.message } }, 'strapi unavailable');
    return plain(503, 'The photos are unavailable right now; try again in a moment.', { 'Retry-After': '30' });
  }
}

function plain(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}
