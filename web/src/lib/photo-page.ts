import {
  describeSelection,
  emptySelection,
  formatTakenAt,
  isEmptySelection,
  normaliseSpeciesWord,
  selectionToQuery,
  shootingData,
  type Selection,
  type ShootingDatum,
} from '@plumage/shared';
import { galleryHref } from './gallery-page';
import { NOT_FOUND, unlessUnavailable, type NotFoundView, type PageContext, type UnavailableView } from './page-context';
import { findNeighbours, findPhoto, GALLERY_PAGE_SIZE, isDocumentId, type Neighbours, type PagePhoto, type PageSpecies } from './photos';
import { photoAlt, photoHeading, visibleLocation } from './photo-text';
import { DISPLAY_SIZES, pictureOf, type PictureView } from './picture';
import { photoMatchesSelection } from './selection-match';
import { settings } from './settings';
import { strapi } from './strapi';
import type { PhotoOrder } from './photo-order';
import { speciesPageHref } from './life-list';
import { formatCoordinates, roundingInWords, visibleCoordinates } from './location-privacy';
import { jsonForScript, photoJsonLd, photoMetaTags, type MetaTag } from './sharing';

/** Where previous and next lead: through the visitor's selection, or through every photo. */
export interface WalkView {
  scope: 'selection' | 'all';
  /** The visitor has a selection but this photo is not in it (opened from a link): previous/next walk all photos. */
  outsideSelection: boolean;
  /** 1-based, null when the CMS does not place the photo (it was unpublished between the two reads). */
  position: number | null;
  total: number;
  prevHref: string | null;
  nextHref: string | null;
  /** The selection in words (`“yellow”, April`), empty when walking all photos. */
  selectionLabel: string;
  /** The gallery page this photo is on. */
  galleryHref: string;
}

export interface SpeciesView {
  commonName: string;
  scientificName: string | null;
  /** The species' own page, else a selection of it; null when neither can be made. */
  href: string | null;
}

export interface PhotoView {
  kind: 'photo';
  status: 200;
  documentId: string;
  heading: string;
  caption: string | null;
  alt: string;
  place: string | null;
  /** Rounded to PUBLIC_COORDINATE_PRECISION; null when hidden, switched off or unknown. */
  coordinates: { text: string; rounding: string } | null;
  takenAt: string | null;
  /** For `<time datetime>`. */
  takenAtLocal: string | null;
  species: SpeciesView[];
  shooting: ShootingDatum[];
  picture: PictureView | null;
  walk: WalkView;
  moreLikeThis: Array<{ label: string; href: string }>;
  /** OpenGraph and Twitter card tags, and the page's canonical URL. */
  meta: MetaTag[];
  canonicalUrl: string;
  /** The schema.org Photograph as JSON safe inside `<script type="application/ld+json">`. */
  jsonLd: string;
}

/**
 * The photo page: the photo (request 1) and where it stands in the selection it is walked in (request 2, computed
 * by the CMS). Opened from outside the visitor's selection, it walks all photos.
 */
export async function loadPhotoPage(context: PageContext, documentId: string | undefined): Promise<PhotoView | NotFoundView | UnavailableView> {
  if (!isDocumentId(documentId)) return NOT_FOUND;
  const { locals } = context;
  return unlessUnavailable(async () => {
    const client = strapi();
    const read = { signal: locals.deadline };
    const photo = await findPhoto(client, documentId, read);
    if (photo === null) return NOT_FOUND;

    const selection = locals.selection;
    const inSelection = isEmptySelection(selection) || photoMatchesSelection(photo, selection);
    let scope: WalkView['scope'] = inSelection && !isEmptySelection(selection) ? 'selection' : 'all';
    const neighboursIn = (walked: Selection) => findNeighbours(client, { documentId, selection: walked, order: locals.order }, read);
    let neighbours = await neighboursIn(scope === 'selection' ? selection : emptySelection());
    if (scope === 'selection' && neighbours === null) {
      scope = 'all';
      neighbours = await neighboursIn(emptySelection());
    }
    const view = walkView(neighbours, scope, scope === 'selection' ? selection : emptySelection(), locals.order);
    const { publicOrigin, coordinatePrecision } = settings();
    return photoView(photo, { ...view, outsideSelection: scope === 'all' && !isEmptySelection(selection) }, { origin: publicOrigin, coordinatePrecision });
  });
}

/**
 * Previous and next of a photo from its neighbours, its position, and the gallery page it is on.
 *
 * @example
 * walkView({ position: 2, total: 3, previous: 'a', next: 'c' }, 'all', emptySelection(), 'newest')
 * // { scope: 'all', outsideSelection: false, position: 2, total: 3, prevHref: '/photos/a', nextHref: '/photos/c', selectionLabel: '', galleryHref: '/' }
 */
export function walkView(neighbours: Neighbours | null, scope: WalkView['scope'], selection: Selection, order: PhotoOrder): WalkView {
  const href = (id: string | null | undefined) => (id === null || id === undefined ? null : `/photos/${encodeURIComponent(id)}`);
  return {
    scope,
    outsideSelection: false,
    position: neighbours?.position ?? null,
    total: neighbours?.total ?? 0,
    prevHref: href(neighbours?.previous),
    nextHref: href(neighbours?.next),
    selectionLabel: describeSelection(selection)
      .map((chip) => chip.label)
      .join(', '),
    galleryHref: galleryHref(selection, order, neighbours === null ? 1 : Math.floor((neighbours.position - 1) / GALLERY_PAGE_SIZE) + 1),
  };
}

/**
 * The word that selects a species: its common name, else its code, else its scientific name, as a valid species
 * word; null when none is.
 *
 * @example
 * speciesWord({ commonName: 'Yellow Warbler', code: 'yelwar', scientificName: 'Setophaga petechia' }) // 'yellow warbler'
 */
export function speciesWord(species: Pick<PageSpecies, 'commonName' | 'code' | 'scientificName'>): string | null {
  return normaliseSpeciesWord(species.commonName) ?? normaliseSpeciesWord(species.code) ?? normaliseSpeciesWord(species.scientificName);
}

/** The gallery link that selects one species. */
export function speciesSelectionHref(species: Pick<PageSpecies, 'commonName' | 'code' | 'scientificName'>): string | null {
  const word = speciesWord(species);
  return word === null ? null : `/?${selectionToQuery({ species: [word], year: null, month: null })}`;
}

/**
 * What the photo page shows of a photo. Where it was taken (place, coordinates) is left out everywhere (text, alt,
 * OpenGraph, JSON-LD) when one of its species hides its location; coordinates are rounded to `coordinatePrecision`.
 */
export function photoView(photo: PagePhoto, walk: WalkView, site: { origin: string; coordinatePrecision: number | null }): PhotoView {
  const species = photo.species.map((one) => ({
    commonName: one.commonName,
    scientificName: one.scientificName,
    href: speciesPageHref(one.slug) ?? speciesSelectionHref(one),
  }));
  const linked = photo.species
    .map((one) => ({ commonName: one.commonName, href: speciesSelectionHref(one) }))
    .filter((one): one is { commonName: string; href: string } => one.href !== null);
  const coordinates = visibleCoordinates(photo, site.coordinatePrecision);
  const shareable = {
    documentId: photo.documentId,
    heading: photoHeading(photo),
    alt: photoAlt(photo),
    caption: photo.caption?.trim() || null,
    takenAtLocal: photo.takenAtLocal,
    place: visibleLocation(photo),
    coordinates,
    derivatives: photo.derivatives,
    species: photo.species,
  };
  return {
    kind: 'photo',
    status: 200,
    documentId: photo.documentId,
    heading: photoHeading(photo),
    caption: photo.caption?.trim() || null,
    alt: photoAlt(photo),
    place: visibleLocation(photo),
    coordinates: coordinates === null ? null : { text: formatCoordinates(coordinates), rounding: roundingInWords(coordinates.precision) },
    takenAt: formatTakenAt(photo.takenAtLocal),
    takenAtLocal: photo.takenAtLocal,
    species,
    shooting: shootingData(photo),
    picture: pictureOf(photo.derivatives, ['display', 'display2x'], DISPLAY_SIZES, settings().mediaBaseUrl),
    walk,
    moreLikeThis: linked.map((one) => ({
      label: linked.length === 1 ? 'More like this' : `More ${one.commonName}`,
      href: one.href,
    })),
    meta: photoMetaTags(shareable, site.origin),
    canonicalUrl: `${site.origin}/photos/${encodeURIComponent(photo.documentId)}`,
    jsonLd: jsonForScript(photoJsonLd(shareable, site.origin)),
  };
}
