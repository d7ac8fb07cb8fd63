import {
  emptySelection,
  selectionToStrapiFilters,
  type Derivative,
  type Photo,
  type Selection,
  type Species,
} from '@plumage/shared';
import { sortFor, type PhotoOrder } from './photo-order';
import { StrapiNotFoundError, type ReadOptions, type StrapiClient } from './strapi-client';
import type { StrapiParams } from './strapi-query';

/** A Strapi 5 list answer (flat documents, no `attributes`). */
export interface StrapiList<T> {
  data: T[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

/** The species fields a grid needs. */
export type GridSpecies = Pick<Species, 'documentId' | 'commonName' | 'taxonomicOrder' | 'hideLocation'>;

/** A photo as the gallery grid shows it. */
export interface GridPhoto {
  documentId: string;
  title: string | null;
  location: string | null;
  takenAtLocal: string | null;
  derivatives: Derivative[] | null;
  species: GridSpecies[];
}

/** The species fields a photo page needs. */
export type PageSpecies = Pick<Species, 'documentId' | 'commonName' | 'scientificName' | 'code' | 'ebirdCode' | 'taxonomicOrder' | 'hideLocation'> & {
  slug?: string | null;
};

/** A photo as its page reads it; its coordinates are rounded (or dropped) before anything shows them. */
export type PagePhoto = Pick<
  Photo,
  | 'documentId'
  | 'title'
  | 'caption'
  | 'location'
  | 'takenAt'
  | 'takenAtLocal'
  | 'takenYear'
  | 'takenMonth'
  | 'camera'
  | 'lens'
  | 'fNumber'
  | 'exposureTime'
  | 'iso'
  | 'focalLength'
  | 'focalLength35mm'
  | 'exposureBias'
  | 'width'
  | 'height'
  | 'latitude'
  | 'longitude'
  | 'derivatives'
> & { species: PageSpecies[] };

/** One page of a selection. */
export interface PhotoPage {
  photos: GridPhoto[];
  page: number;
  pageCount: number;
  total: number;
}

export const GALLERY_PAGE_SIZE = 24;
/** Strapi's `rest.maxLimit`: the most documents one request returns. */
export const STRAPI_MAX_PAGE_SIZE = 100;
/** Previous/next walks at most this many photos of a selection (50 requests of 100 when nothing is cached). */
export const MAX_WALK_LENGTH = 5000;

const GRID_FIELDS = ['title', 'location', 'takenAt', 'takenAtLocal', 'derivatives'] as const;
const PAGE_FIELDS = [
  'title',
  'caption',
  'location',
  'takenAt',
  'takenAtLocal',
  'takenYear',
  'takenMonth',
  'camera',
  'lens',
  'fNumber',
  'exposureTime',
  'iso',
  'focalLength',
  'focalLength35mm',
  'exposureBias',
  'width',
  'height',
  'latitude',
  'longitude',
  'derivatives',
] as const;
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The Strapi query for one page of a selection in an order: filters built from the validated selection only,
 * pinned fields and populate.
 *
 * @example
 * photoPageParams({ species: [], year: 2019, month: null }, 'newest', 2).pagination // { page: 2, pageSize: 24 }
 */
export function photoPageParams(selection: Selection, order: PhotoOrder, page: number): StrapiParams {
  return {
    filters: selectionToStrapiFilters(selection),
    fields: GRID_FIELDS,
    populate: { species: { fields: ['commonName', 'taxonomicOrder', 'hideLocation'] } },
    sort: sortFor(order),
    pagination: { page, pageSize: GALLERY_PAGE_SIZE },
    status: 'published',
  };
}

/** One page of the photos in a selection, newest first or in field-guide order. */
export async function findPhotoPage(
  client: StrapiClient,
  query: { selection: Selection; order: PhotoOrder; page: number },
  options?: ReadOptions,
): Promise<PhotoPage> {
  const answer = await client.get<StrapiList<GridPhoto>>('/api/photos', photoPageParams(query.selection, query.order, query.page), options);
  const { pagination } = answer.meta;
  return {
    photos: asArray(answer.data).map((photo) => ({ ...photo, species: inFieldGuideOrder(asArray(photo.species)) })),
    page: pagination.page,
    pageCount: pagination.pageCount,
    total: pagination.total,
  };
}

/** Whether a string can be a Strapi documentId (checked before it goes into a URL path). */
export function isDocumentId(value: string | undefined): value is string {
  return typeof value === 'string' && DOCUMENT_ID.test(value);
}

/** The published photo with this documentId, or null when there is none. */
export async function findPhoto(client: StrapiClient, documentId: string, options?: ReadOptions): Promise<PagePhoto | null> {
  if (!isDocumentId(documentId)) return null;
  const params: StrapiParams = {
    fields: PAGE_FIELDS,
    populate: { species: { fields: ['commonName', 'scientificName', 'code', 'ebirdCode', 'taxonomicOrder', 'slug', 'hideLocation'] } },
    status: 'published',
  };
  try {
    const answer = await client.get<{ data: PagePhoto | null }>(`/api/photos/${encodeURIComponent(documentId)}`, params, options);
    return answer.data === null ? null : { ...answer.data, species: inFieldGuideOrder(asArray(answer.data.species)) };
  } catch (error) {
    if (error instanceof StrapiNotFoundError) return null;
    throw error;
  }
}

/** The query of one page of a walk: documentIds only, in the gallery's order. */
export function walkParams(selection: Selection, order: PhotoOrder, page: number): StrapiParams {
  return {
    filters: selectionToStrapiFilters(selection),
    fields: ['takenAt'],
    sort: sortFor(order),
    pagination: { page, pageSize: STRAPI_MAX_PAGE_SIZE },
    status: 'published',
  };
}

/**
 * The documentIds of a selection in the gallery's order (at most MAX_WALK_LENGTH), for previous/next.
 * One request for up to 100 photos; the rest are asked for together.
 */
export async function findWalk(
  client: StrapiClient,
  query: { selection: Selection; order: PhotoOrder },
  options?: ReadOptions,
): Promise<string[]> {
  const read = (page: number) =>
    client.get<StrapiList<{ documentId: string }>>('/api/photos', walkParams(query.selection, query.order, page), options);
  const first = await read(1);
  const pageCount = Math.min(first.meta.pagination.pageCount, Math.ceil(MAX_WALK_LENGTH / STRAPI_MAX_PAGE_SIZE));
  const rest = await Promise.all(Array.from({ length: Math.max(0, pageCount - 1) }, (_, index) => read(index + 2)));
  return [first, ...rest].flatMap((answer) => asArray(answer.data).map((photo) => photo.documentId));
}

/** The walk of every photo: what a photo page opened from outside the selection steps through. */
export function findWalkOfAll(client: StrapiClient, order: PhotoOrder, options?: ReadOptions): Promise<string[]> {
  return findWalk(client, { selection: emptySelection(), order }, options);
}

/**
 * Species as a field guide lists them: by taxonomic order (species without one last), then by name.
 *
 * @example
 * inFieldGuideOrder([{ commonName: 'B', taxonomicOrder: 2 }, { commonName: 'A', taxonomicOrder: null }, { commonName: 'C', taxonomicOrder: 1 }])
 * // [{ commonName: 'C', … }, { commonName: 'B', … }, { commonName: 'A', … }]
 */
export function inFieldGuideOrder<T extends Pick<Species, 'commonName' | 'taxonomicOrder'>>(species: readonly T[]): T[] {
  const rank = (one: T) => (typeof one.taxonomicOrder === 'number' ? one.taxonomicOrder : Number.POSITIVE_INFINITY);
  return [...species].sort((a, b) => rank(a) - rank(b) || a.commonName.localeCompare(b.commonName, 'en'));
}

function asArray<T>(value: T[] | null | undefined): T[] {
  return Array.isArray(value) ? value : [];
}
