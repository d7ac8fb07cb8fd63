import type { CmsClient, CmsSpecies } from '../cms/cms-client';
import type { NamedSpecies } from '../caption/parse-caption';
import type { SpeciesCatalog } from './species-catalog';
import { speciesKey, tidySpeciesName } from './species-key';
import type { TaxonRecord } from './taxonomy';

/** A species' fields from a reference record: `code` is the banding code where the list has one, else eBird's; `ebirdCode` is eBird's. */
export function speciesFieldsFrom(record: TaxonRecord): Omit<CmsSpecies, 'documentId'> {
  return {
    commonName: record.commonName,
    scientificName: record.scientificName,
    family: record.family,
    code: record.bandingCode ?? record.speciesCode,
    ebirdCode: record.speciesCode,
    taxonomicOrder: record.taxonomicOrder,
  };
}

/** The fields of `fill` that `existing` lacks (empty or null): a taxonomy fills gaps, never overwrites the owner's values. */
export function missingFields(existing: Partial<CmsSpecies>, fill: Omit<CmsSpecies, 'documentId'>): Partial<CmsSpecies> {
  const out: Partial<CmsSpecies> = {};
  for (const field of ['scientificName', 'family', 'code', 'ebirdCode', 'taxonomicOrder'] as const) {
    const have = existing[field];
    const value = fill[field];
    if ((have === null || have === undefined || have === '') && value !== null && value !== undefined) (out as Record<string, unknown>)[field] = value;
  }
  return out;
}

export type SpeciesResolution =
  | { kind: 'existing'; species: CmsSpecies }
  | { kind: 'created'; species: CmsSpecies }
  | { kind: 'would-create'; commonName: string }
  | { kind: 'refused'; name: string };

export interface SpeciesRegistryOptions {
  cms: CmsClient | null;
  catalog: SpeciesCatalog;
  createSpecies: boolean;
  dryRun: boolean;
  onCreated?: (species: CmsSpecies) => void;
  onFilled?: (species: CmsSpecies, fields: Partial<CmsSpecies>) => void;
}

/**
 * Turns species names into CMS species: matched without regard to case (and spelling variants
 * `speciesKey` joins, or the scientific name), else created with what the reference list or
 * taxonomy knows, else refused when creating is off. Each name is settled once per run, even
 * with several photos asking at the same moment.
 */
export function createSpeciesRegistry({ cms, catalog, createSpecies, dryRun, onCreated, onFilled }: SpeciesRegistryOptions) {
  const byKey = new Map<string, CmsSpecies>();
  const pending = new Map<string, Promise<SpeciesResolution>>();
  const filled = new Set<string>();

  function remember(species: CmsSpecies) {
    byKey.set(speciesKey(species.commonName), species);
    if (species.scientificName) byKey.set(`sci:${speciesKey(species.scientificName)}`, species);
  }

  function known(name: string): CmsSpecies | null {
    const key = speciesKey(name);
    const reference = catalog.find(name);
    return byKey.get(key) ?? (reference ? byKey.get(speciesKey(reference.commonName)) : undefined) ?? byKey.get(`sci:${key}`) ?? null;
  }

  /** The species with the gaps the reference lists can fill filled (once per species and run), and whether any were. */
  async function fillFromReference(species: CmsSpecies): Promise<[CmsSpecies, boolean]> {
    const reference = catalog.find(species.commonName);
    if (!reference || filled.has(species.documentId)) return [species, false];
    filled.add(species.documentId);
    const fields = missingFields(species, speciesFieldsFrom(reference));
    if (Object.keys(fields).length === 0) return [species, false];
    if (dryRun || !cms) {
      onFilled?.(species, fields);
      return [species, true];
    }
    const updated = await cms.updateSpecies(species.documentId, fields);
    remember(updated);
    onFilled?.(updated, fields);
    return [updated, true];
  }

  async function settle(named: NamedSpecies): Promise<SpeciesResolution> {
    const existing = known(named.name) ?? (named.scientificName ? known(named.scientificName) : null);
    if (existing) return { kind: 'existing', species: (await fillFromReference(existing))[0] };
    const reference = catalog.find(named.name) ?? (named.scientificName ? catalog.find(named.scientificName) : null);
    const commonName = reference?.commonName ?? tidySpeciesName(named.name);
    if (!createSpecies) return { kind: 'refused', name: commonName };
    if (dryRun || !cms) return { kind: 'would-create', commonName };
    const fields = reference ? speciesFieldsFrom(reference) : { commonName, scientificName: named.scientificName, family: null, code: null, taxonomicOrder: null };
    const species = await cms.createSpecies(withoutNulls(fields) as { commonName: string });
    remember(species);
    filled.add(species.documentId);
    onCreated?.(species);
    return { kind: 'created', species };
  }

  return {
    /** Loads the CMS's species; call once before resolving. */
    async load(): Promise<number> {
      if (!cms) return 0;
      const all = await cms.listSpecies();
      for (const species of all) remember(species);
      return all.length;
    },

    /** True when the CMS or the reference lists know this name. */
    isKnown(name: string): boolean {
      return known(name) !== null || catalog.find(name) !== null;
    },

    resolve(named: NamedSpecies): Promise<SpeciesResolution> {
      const reference = catalog.find(named.name);
      const key = speciesKey(reference?.commonName ?? named.name);
      let promise = pending.get(key);
      if (!promise) {
        promise = settle(named);
        pending.set(key, promise);
        // A failure (the CMS unreachable for a moment) must not stick to the name for the rest of the run.
        promise.catch(() => pending.delete(key));
      }
      return promise;
    },

    /** Fills every CMS species the reference lists know from them (`--taxonomy` without photos). */
    async fillAll(): Promise<number> {
      let count = 0;
      for (const species of new Set(byKey.values())) {
        if ((await fillFromReference(species))[1]) count++;
      }
      return count;
    },
  };
}

export type SpeciesRegistry = ReturnType<typeof createSpeciesRegistry>;

function withoutNulls<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined)) as Partial<T>;
}
