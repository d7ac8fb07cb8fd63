import { csvRecords } from '../lib/csv';

/** One species as a reference list or an eBird/Clements taxonomy describes it. */
export interface TaxonRecord {
  commonName: string;
  scientificName: string | null;
  /** As eBird writes it: "Parulidae (New World Warblers)". */
  family: string | null;
  /** eBird's species code, e.g. "yelwar". */
  speciesCode: string | null;
  /** The 4-letter banding (alpha) code, e.g. "YEWA", when the list has one. */
  bandingCode: string | null;
  /** eBird's TAXON_ORDER: sorts species as a field guide does. */
  taxonomicOrder: number | null;
}

type Column = 'order' | 'category' | 'code' | 'banding' | 'common' | 'scientific' | 'family' | 'familySci' | 'familyCommon';

// Column names as the eBird/Clements downloads (v2019–v2024), the eBird API's CSV and our own list spell them.
const COLUMN_NAMES: Record<Column, string[]> = {
  order: ['taxon_order', 'taxonomic_order', 'taxonomicorder', 'sort_v2023', 'sort_v2024'],
  category: ['category'],
  code: ['species_code', 'ebird_code', 'code'],
  banding: ['banding_code', 'banding_codes', 'alpha_code'],
  common: ['primary_com_name', 'common_name', 'com_name', 'english_name', 'commonname', 'ebird_english_name_2023', 'ebird_english_name_2024'],
  scientific: ['sci_name', 'scientific_name', 'scientificname', 'ebird_scientific_name_2023', 'ebird_scientific_name_2024'],
  family: ['family'],
  familySci: ['family_sci_name'],
  familyCommon: ['family_com_name'],
};

function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** Which of the file's columns holds what, by the names above. */
export function taxonomyColumns(header: string[]): Partial<Record<Column, string>> {
  const byNormalName = new Map(header.map((name) => [normaliseHeader(name), name]));
  const out: Partial<Record<Column, string>> = {};
  for (const [column, names] of Object.entries(COLUMN_NAMES) as Array<[Column, string[]]>) {
    const found = names.find((name) => byNormalName.has(name));
    if (found) out[column] = byNormalName.get(found)!;
  }
  return out;
}

const nonEmpty = (value: string | undefined): string | null => (value && value.trim() ? value.trim() : null);

/**
 * Species from a taxonomy CSV laid out like eBird's (`TAXON_ORDER,CATEGORY,SPECIES_CODE,
 * PRIMARY_COM_NAME,SCI_NAME,ORDER1,FAMILY,…`; other years' and the API's column names are
 * understood too). Rows of another category (subspecies groups, hybrids, "sp.", slashes) are left out.
 *
 * @example
 * parseTaxonomyCsv('TAXON_ORDER,CATEGORY,SPECIES_CODE,PRIMARY_COM_NAME,SCI_NAME\n33557,species,yelwar,Yellow Warbler,Setophaga petechia\n')
 * // [{ commonName: 'Yellow Warbler', scientificName: 'Setophaga petechia', speciesCode: 'yelwar', taxonomicOrder: 33557, … }]
 */
export function parseTaxonomyCsv(text: string): TaxonRecord[] {
  const records = csvRecords(text);
  if (records.length === 0) return [];
  const columns = taxonomyColumns(Object.keys(records[0]!));
  if (!columns.common) {
    throw new Error('The taxonomy file has no common-name column (PRIMARY_COM_NAME, COMMON_NAME or English name).');
  }
  const out: TaxonRecord[] = [];
  for (const record of records) {
    const get = (column: Column) => (columns[column] ? nonEmpty(record[columns[column]!]) : null);
    const category = get('category');
    if (category && category.toLowerCase() !== 'species') continue;
    const commonName = get('common');
    if (!commonName) continue;
    const order = get('order');
    const familySci = get('familySci');
    const familyCommon = get('familyCommon');
    out.push({
      commonName,
      scientificName: get('scientific'),
      family: get('family') ?? (familySci && familyCommon ? `${familySci} (${familyCommon})` : familySci ?? familyCommon),
      speciesCode: get('code'),
      // The API's BANDING_CODES may list several, space-separated: the first is the current one.
      bandingCode: get('banding')?.split(/\s+/)[0]?.toUpperCase() ?? null,
      taxonomicOrder: order !== null && Number.isFinite(Number(order)) ? Number(order) : null,
    });
  }
  return out;
}
