import {
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

/** Where a photo stands in a selection: what previous/next and "12 of 48" need (GET /api/photos/:id/neighbours). */
export interface Neighbours {
  /** 1-based. */
  position: number;
  total: number;
  previous: string | null;
  next: string | null;
}

/** The query of a photo's neighbours: the selection as the site keeps it (already validated) and the order. */
export function neighboursParams(selection: Selection, order: PhotoOrder): StrapiParams {
  return { species: selection.species, year: selection.year ?? undefined, month: selection.month ?? undefined, order };
}

/**
 * A photo's position in a selection and its previous and next, in the gallery's order: one request, computed by the
 * CMS's database. Null when the photo is not in the selection (nor published).
 */
export async function findNeighbours(
  client: StrapiClient,
  query: { documentId: string; selection: Selection; order: PhotoOrder },
  options?: ReadOptions,
): Promise<Neighbours | null> {
  if (!isDocumentId(query.documentId)) return null;
  try {
    const path = `/api/photos/${encodeURIComponent(query.documentId)}/neighbours`;
    return (await client.get<{ data: Neighbours }>(path, neighboursParams(query.selection, query.order), options)).data;
  } catch (error) {
    if (error instanceof StrapiNotFoundError) return null;
    throw error;
  }
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
