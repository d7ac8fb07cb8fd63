import { speciesKey } from './species-key';
import type { TaxonRecord } from './taxonomy';

/**
 * The species names the importer knows before it asks the CMS: the shipped reference list and
 * any taxonomy the user gave. Looked up by common name (any spelling `speciesKey` joins, or a
 * plural) or by scientific name.
 */
export interface SpeciesCatalog {
  find(name: string): TaxonRecord | null;
  readonly size: number;
}

/** Plural spellings a caption may use: "Snowy Owls", "Purple Finches". */
function singularKeys(key: string): string[] {
  const out = [key];
  if (key.endsWith('es')) out.push(key.slice(0, -2));
  if (key.endsWith('s')) out.push(key.slice(0, -1));
  return out;
}

/** Later lists win over earlier ones for the same species (a user's taxonomy over the shipped list). */
export function createSpeciesCatalog(...lists: TaxonRecord[][]): SpeciesCatalog {
  const byKey = new Map<string, TaxonRecord>();
  for (const list of lists) {
    for (const record of list) {
      const merged = { ...byKey.get(speciesKey(record.commonName)), ...withoutNulls(record) } as TaxonRecord;
      byKey.set(speciesKey(record.commonName), merged);
      if (record.scientificName) byKey.set(`sci:${speciesKey(record.scientificName)}`, merged);
    }
  }
  const commonNames = new Set([...byKey.entries()].filter(([key]) => !key.startsWith('sci:')).map(([key]) => key));
  return {
    find(name: string) {
      const key = speciesKey(name);
      if (!key) return null;
      for (const candidate of singularKeys(key)) {
        const found = byKey.get(candidate);
        if (found) return found;
      }
      return byKey.get(`sci:${key}`) ?? null;
    },
    get size() {
      return commonNames.size;
    },
  };
}

function withoutNulls(record: TaxonRecord): Partial<TaxonRecord> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null)) as Partial<TaxonRecord>;
}
