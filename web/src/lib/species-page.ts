import { findCatalog } from './catalog';
import { unlessUnavailable, type PageContext, type UnavailableView } from './page-context';
import { speciesSelectionHref } from './photo-page';
import { strapi } from './strapi';

export interface SpeciesRowView {
  commonName: string;
  scientificName: string | null;
  family: string | null;
  photoCount: number;
  /** A selection of this species; null when it has no photos or no name that makes a species word. */
  href: string | null;
}

export interface SpeciesListView {
  kind: 'species';
  status: 200;
  species: SpeciesRowView[];
  /** Species with at least one photo. */
  photographed: number;
}

/** Every species with its photo count, in field-guide order: one Strapi request (per 100 species), cached. */
export async function loadSpeciesList(context: PageContext): Promise<SpeciesListView | UnavailableView> {
  return unlessUnavailable(async () => {
    const catalog = await findCatalog(strapi(), { signal: context.locals.deadline });
    const species = catalog.species.map((one) => ({
      commonName: one.commonName,
      scientificName: one.scientificName,
      family: one.family,
      photoCount: one.photoCount,
      href: one.photoCount > 0 ? speciesSelectionHref(one) : null,
    }));
    return {
      kind: 'species',
      status: 200,
      species,
      photographed: species.filter((one) => one.photoCount > 0).length,
    } satisfies SpeciesListView;
  });
}
