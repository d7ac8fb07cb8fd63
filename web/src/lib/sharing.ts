import { pickDerivative, type Derivative } from '@plumage/shared';
import type { VisibleCoordinates } from './location-privacy';

/** One `<meta>` of the page head: OpenGraph ones by `property`, Twitter ones by `name`. */
export interface MetaTag {
  property?: string;
  name?: string;
  content: string;
}

export interface ShareablePhoto {
  documentId: string;
  heading: string;
  /** The photo's description (its alt text: the place is already left out where hidden). */
  alt: string;
  caption: string | null;
  takenAtLocal: string | null;
  /** Null when a species hides it. */
  place: string | null;
  coordinates: VisibleCoordinates | null;
  derivatives: Derivative[] | null;
  species: ReadonlyArray<{ commonName: string; scientificName: string | null }>;
}

/**
 * OpenGraph and Twitter card tags of a photo page: the display JPEG as the image (absolute, with its size and alt
 * text), the page's absolute URL, a large-image card.
 *
 * @example
 * photoMetaTags(photo, 'https://b.example').find((tag) => tag.property === 'og:image')?.content
 * // 'https://b.example/media/derivatives/ab/ab12…/display.jpg'
 */
export function photoMetaTags(photo: ShareablePhoto, origin: string): MetaTag[] {
  const url = photoUrl(photo, origin);
  const image = pickDerivative(photo.derivatives, 'display', 'jpeg');
  const description = photo.caption ?? photo.alt;
  const tags: MetaTag[] = [
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: 'Plumage' },
    { property: 'og:title', content: photo.heading },
    { property: 'og:description', content: description },
    { property: 'og:url', content: url },
    { name: 'twitter:card', content: image === null ? 'summary' : 'summary_large_image' },
    { name: 'twitter:title', content: photo.heading },
    { name: 'twitter:description', content: description },
  ];
  if (image !== null) {
    tags.push(
      { property: 'og:image', content: origin + image.url },
      { property: 'og:image:type', content: 'image/jpeg' },
      { property: 'og:image:width', content: String(image.width) },
      { property: 'og:image:height', content: String(image.height) },
      { property: 'og:image:alt', content: photo.alt },
      { name: 'twitter:image', content: origin + image.url },
      { name: 'twitter:image:alt', content: photo.alt },
    );
  }
  return tags;
}

/**
 * The schema.org Photograph of a photo page, with its ImageObject (display JPEG, thumbnail), the species it is
 * about (as Taxon), the place and rounded coordinates only where visible. Plain data for `JSON.stringify`.
 */
export function photoJsonLd(photo: ShareablePhoto, origin: string): Record<string, unknown> {
  const display = pickDerivative(photo.derivatives, 'display', 'jpeg');
  const thumb = pickDerivative(photo.derivatives, 'thumb', 'jpeg');
  const place =
    photo.place === null && photo.coordinates === null
      ? undefined
      : {
          '@type': 'Place',
          ...(photo.place === null ? {} : { name: photo.place }),
          ...(photo.coordinates === null
            ? {}
            : { geo: { '@type': 'GeoCoordinates', latitude: photo.coordinates.latitude, longitude: photo.coordinates.longitude } }),
        };
  return {
    '@context': 'https://schema.org',
    '@type': 'Photograph',
    '@id': photoUrl(photo, origin),
    url: photoUrl(photo, origin),
    name: photo.heading,
    description: photo.caption ?? photo.alt,
    ...(photo.takenAtLocal === null ? {} : { dateCreated: photo.takenAtLocal }),
    ...(place === undefined ? {} : { contentLocation: place }),
    about: photo.species.map((species) => ({
      '@type': 'Taxon',
      name: species.scientificName ?? species.commonName,
      alternateName: species.commonName,
      taxonRank: 'species',
    })),
    ...(display === null
      ? {}
      : {
          image: {
            '@type': 'ImageObject',
            contentUrl: origin + display.url,
            url: origin + display.url,
            encodingFormat: 'image/jpeg',
            width: display.width,
            height: display.height,
            caption: photo.alt,
            ...(thumb === null ? {} : { thumbnailUrl: origin + thumb.url }),
          },
        }),
  };
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>`, `&` and the line separators escaped as
 * `\uXXXX`, so no value can close the element or start markup, and the JSON still parses to the same data.
 *
 * @example
 * jsonForScript({ name: '</script><script>alert(1)</script>' }) // '{"name":"\\u003c/script\\u003e…"}'
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function photoUrl(photo: Pick<ShareablePhoto, 'documentId'>, origin: string): string {
  return `${origin}/photos/${encodeURIComponent(photo.documentId)}`;
}
