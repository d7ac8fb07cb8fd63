import { formatTakenDate } from '@plumage/shared';
import { barChart, type BarChart } from './bar-chart';
import { findCatalog } from './catalog';
import { gridItem, type GridItem } from './gallery-page';
import { LIFE_LIST_ORDERS, lifeList, parseLifeListOrder, speciesPageHref, type LifeListEntry, type LifeListGroup, type LifeListOrder } from './life-list';
import { NOT_FOUND, unlessUnavailable, type NotFoundView, type PageContext, type UnavailableView } from './page-context';
import { speciesSelectionHref } from './photo-page';
import { findSpeciesBySlug, isSlug, type SpeciesWithPhotos } from './species';
import { firstAndLatest, monthBars, photosByMonth } from './species-stats';
import { strapi } from './strapi';

/** The year chart's and the month chart's size, in SVG user units (the SVG scales to its column). */
export const YEAR_CHART_SIZE = { width: 640, height: 160 } as const;
export const MONTH_CHART_SIZE = { width: 640, height: 180 } as const;

/** A life-list row: the species' page, else a selection of it. */
export interface LifeListRowView extends LifeListEntry {
  href: string | null;
  /** The gallery showing its photos. */
  photosHref: string | null;
}

export interface SpeciesListView {
  kind: 'species';
  status: 200;
  order: LifeListOrder;
  orders: Array<{ order: LifeListOrder; label: string; href: string; current: boolean }>;
  groups: Array<Omit<LifeListGroup, 'species'> & { species: LifeListRowView[] }>;
  /** Species with at least one photo. */
  photographed: number;
  /** Every species the CMS knows. */
  known: number;
  newPerYear: BarChart;
}

/**
 * The life list (`/species?order=field-guide|lifer`): species photographed with their counts and lifer dates,
 * grouped by family or by first photo, and new species per year. One Strapi request per 100 species, cached (the
 * gallery's form reads the same answer).
 */
export async function loadSpeciesList(context: PageContext): Promise<SpeciesListView | UnavailableView> {
  const order = parseLifeListOrder(context.url.searchParams.get('order'));
  return unlessUnavailable(async () => {
    const catalog = await findCatalog(strapi(), { signal: context.locals.deadline });
    const list = lifeList(catalog.species, order);
    const bySlug = new Map(catalog.species.map((one) => [one.slug ?? one.commonName, one]));
    const row = (entry: LifeListEntry): LifeListRowView => {
      const species = bySlug.get(entry.slug ?? entry.commonName);
      const photosHref = species === undefined ? null : speciesSelectionHref(species);
      return { ...entry, href: speciesPageHref(entry.slug) ?? photosHref, photosHref };
    };
    return {
      kind: 'species',
      status: 200,
      order,
      orders: LIFE_LIST_ORDERS.map((option) => ({
        ...option,
        href: option.order === 'field-guide' ? '/species' : `/species?order=${option.order}`,
        current: option.order === order,
      })),
      groups: list.groups.map((group) => ({ family: group.family, species: group.species.map(row) })),
      photographed: list.total,
      known: catalog.species.length,
      newPerYear: barChart(
        list.newPerYear.map(({ year, count }) => ({ label: String(year), value: count })),
        YEAR_CHART_SIZE,
      ),
    } satisfies SpeciesListView;
  });
}

/** The first or the latest photo, as the species page links it. */
export interface PhotoMilestone {
  href: string;
  date: string | null;
  dateTime: string | null;
}

export interface SpeciesDetailView {
  kind: 'species-detail';
  status: 200;
  commonName: string;
  scientificName: string | null;
  family: string | null;
  codes: string[];
  slug: string;
  hideLocation: boolean;
  photoCount: number;
  items: GridItem[];
  first: PhotoMilestone | null;
  latest: PhotoMilestone | null;
  months: BarChart;
  /** The gallery with this species selected (to walk its photos). */
  selectionHref: string | null;
  feedHref: string;
  description: string;
}

/** `/species/{slug}`: the species and its photos, first and latest, photos by month. One Strapi request, cached. */
export async function loadSpeciesDetail(context: PageContext, slug: string | undefined): Promise<SpeciesDetailView | NotFoundView | UnavailableView> {
  if (!isSlug(slug)) return NOT_FOUND;
  return unlessUnavailable(async () => {
    const species = await findSpeciesBySlug(strapi(), slug, { signal: context.locals.deadline });
    return species === null ? NOT_FOUND : speciesDetailView(species);
  });
}

/**
 * The species page of a species and its photos (newest first): a grid, its first and latest photo, its season.
 * Each photo's place stays out of its alt text when one of its species hides it.
 */
export function speciesDetailView(species: SpeciesWithPhotos): SpeciesDetailView {
  const milestones = firstAndLatest(species.photos);
  const milestone = (photo: SpeciesWithPhotos['photos'][number] | undefined): PhotoMilestone | null =>
    photo === undefined
      ? null
      : {
          href: `/photos/${encodeURIComponent(photo.documentId)}`,
          date: formatTakenDate(photo.takenAtLocal),
          dateTime: photo.takenAtLocal,
        };
  const slug = species.slug ?? '';
  const count = species.photos.length;
  return {
    kind: 'species-detail',
    status: 200,
    commonName: species.commonName,
    scientificName: species.scientificName?.trim() || null,
    family: species.family?.trim() || null,
    codes: [species.code, species.ebirdCode].filter((code): code is string => typeof code === 'string' && code.trim() !== ''),
    slug,
    hideLocation: species.hideLocation === true,
    photoCount: count,
    items: species.photos.map(gridItem),
    first: milestone(milestones?.first),
    latest: milestone(milestones?.latest),
    months: barChart(monthBars(photosByMonth(species.photos)), MONTH_CHART_SIZE),
    selectionHref: count > 0 ? speciesSelectionHref(species) : null,
    feedHref: `/species/${encodeURIComponent(slug)}/feed.xml`,
    description: `${count} photo${count === 1 ? '' : 's'} of ${species.commonName}${species.scientificName ? ` (${species.scientificName})` : ''}.`,
  };
}
