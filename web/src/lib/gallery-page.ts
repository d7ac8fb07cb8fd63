import {
  describeSelection,
  formatTakenDate,
  hasSelectionQuery,
  isEmptySelection,
  MONTH_NAMES,
  selectionFromQuery,
  selectionToQuery,
  type Selection,
  type SelectionChip,
  type SelectionField,
} from '@plumage/shared';
import { findCatalog } from './catalog';
import { pageNumber, unlessUnavailable, type PageContext, type UnavailableView } from './page-context';
import { ORDER_LABELS, parseOrder, type PhotoOrder, DEFAULT_ORDER } from './photo-order';
import { findPhotoPage, type GridPhoto } from './photos';
import { photoAlt, photoHeading } from './photo-text';
import { pictureOf, THUMB_SIZES, type PictureView } from './picture';
import { settings } from './settings';
import { strapi } from './strapi';
import { takeNoticeCookie, writeOrderCookie, writeSelectionCookie } from './selection-cookie';

/** One photo of the grid. */
export interface GridItem {
  href: string;
  heading: string;
  alt: string;
  date: string | null;
  picture: PictureView | null;
}

/** A chip with what its remove form posts. */
export interface ChipView extends SelectionChip {
  word: string | null;
}

export interface PageLink {
  page: number;
  href: string;
  current: boolean;
}

export type GalleryEmptyState = 'collection-empty' | 'selection-empty' | 'past-last-page' | null;

export interface GalleryView {
  kind: 'gallery';
  status: 200;
  selection: Selection;
  chips: ChipView[];
  total: number;
  items: GridItem[];
  page: number;
  pageCount: number;
  pages: PageLink[];
  previousPageHref: string | null;
  nextPageHref: string | null;
  order: PhotoOrder;
  orders: Array<{ order: PhotoOrder; label: string; href: string; current: boolean }>;
  /** Site-relative link that recreates this selection (`/?species=…`). */
  shareHref: string;
  /** The same, absolute, on PUBLIC_URL. */
  shareUrl: string;
  speciesOptions: string[];
  yearOptions: Array<{ value: number; selected: boolean }>;
  monthOptions: Array<{ value: number; label: string; selected: boolean }>;
  rejected: SelectionField[];
  emptyState: GalleryEmptyState;
}

/**
 * Everything the gallery shows. A URL with `species`, `year` or `month` replaces the visitor's selection (and
 * the cookie); `order` switches the order (and its cookie); otherwise the cookie's selection is shown.
 * Two Strapi requests: the page of photos and the species list (years, suggestions); both cached.
 */
export async function loadGallery(context: PageContext): Promise<GalleryView | UnavailableView> {
  const { url, cookies, locals } = context;
  const { secure, publicOrigin } = settings();
  const params = url.searchParams;

  let selection = locals.selection;
  if (hasSelectionQuery(params)) {
    selection = selectionFromQuery(params);
    writeSelectionCookie(cookies, selection, secure);
    locals.selection = selection;
  }
  let order = locals.order;
  const askedOrder = parseOrder(params.get('order'));
  if (askedOrder !== null) {
    order = askedOrder;
    writeOrderCookie(cookies, order, secure);
    locals.order = order;
  }
  const page = pageNumber(params);
  const rejected = takeNoticeCookie(cookies);

  return unlessUnavailable(async () => {
    const client = strapi();
    const read = { signal: locals.deadline };
    const [photos, catalog] = await Promise.all([findPhotoPage(client, { selection, order, page }, read), findCatalog(client, read)]);
    const shareHref = galleryHref(selection, DEFAULT_ORDER, 1);
    return {
      kind: 'gallery',
      status: 200,
      selection,
      chips: describeSelection(selection).map((chip) => ({
        ...chip,
        word: chip.kind === 'species' ? chip.removeValue.slice('species:'.length) : null,
      })),
      total: photos.total,
      items: photos.photos.map(gridItem),
      page,
      pageCount: photos.pageCount,
      pages: pageLinks(page, photos.pageCount).map((number) => ({
        page: number,
        href: galleryHref(selection, order, number),
        current: number === page,
      })),
      previousPageHref: page > 1 && page <= photos.pageCount ? galleryHref(selection, order, page - 1) : null,
      nextPageHref: page < photos.pageCount ? galleryHref(selection, order, page + 1) : null,
      order,
      orders: (Object.keys(ORDER_LABELS) as PhotoOrder[]).map((option) => ({
        order: option,
        label: ORDER_LABELS[option],
        href: galleryHref(selection, option, 1, true),
        current: option === order,
      })),
      shareHref,
      shareUrl: publicOrigin + shareHref,
      speciesOptions: catalog.species.filter((species) => species.photoCount > 0).map((species) => species.commonName),
      yearOptions: catalog.years.map((year) => ({ value: year, selected: year === selection.year })),
      monthOptions: MONTH_NAMES.map((label, index) => ({ value: index + 1, label, selected: index + 1 === selection.month })),
      rejected,
      emptyState: emptyStateOf(photos.total, page, photos.pageCount, selection),
    } satisfies GalleryView;
  });
}

/**
 * The gallery URL of a selection, order and page: the selection's own query (so the link is shareable), the
 * order when not the default (or when `explicitOrder`), the page when not the first.
 *
 * @example
 * galleryHref({ species: ['owl'], year: null, month: null }, 'newest', 2) // '/?species=owl&page=2'
 * galleryHref({ species: [], year: null, month: null }, 'newest', 1) // '/'
 */
export function galleryHref(selection: Selection, order: PhotoOrder, page: number, explicitOrder = false): string {
  const params = new URLSearchParams(selectionToQuery(selection));
  if (order !== DEFAULT_ORDER || explicitOrder) params.set('order', order);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query === '' ? '/' : `/?${query}`;
}

/**
 * Page numbers to link: the first, the last, and two either side of the current one.
 *
 * @example
 * pageLinks(6, 12) // [1, 4, 5, 6, 7, 8, 12]
 */
export function pageLinks(current: number, pageCount: number): number[] {
  const pages = new Set<number>();
  for (const page of [1, current - 2, current - 1, current, current + 1, current + 2, pageCount]) {
    if (page >= 1 && page <= pageCount) pages.add(page);
  }
  return [...pages].sort((a, b) => a - b);
}

function emptyStateOf(total: number, page: number, pageCount: number, selection: Selection): GalleryEmptyState {
  if (total > 0) return page > pageCount ? 'past-last-page' : null;
  return isEmptySelection(selection) ? 'collection-empty' : 'selection-empty';
}

function gridItem(photo: GridPhoto): GridItem {
  return {
    href: `/photos/${encodeURIComponent(photo.documentId)}`,
    heading: photoHeading(photo),
    alt: photoAlt(photo),
    date: formatTakenDate(photo.takenAtLocal),
    picture: pictureOf(photo.derivatives, ['thumb'], THUMB_SIZES, settings().mediaBaseUrl),
  };
}
