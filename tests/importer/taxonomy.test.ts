import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { parseTaxonomyCsv } from '../../scripts/import/species/taxonomy';

const yellowWarbler = {
  commonName: 'Yellow Warbler', scientificName: 'Setophaga petechia', family: 'Parulidae (New World Warblers)',
  speciesCode: 'yelwar', bandingCode: null, taxonomicOrder: 33557,
};

test.each([
  {
    name: 'eBird/Clements v2019 columns (ORDER1)',
    input: 'TAXON_ORDER,CATEGORY,SPECIES_CODE,PRIMARY_COM_NAME,SCI_NAME,ORDER1,FAMILY,SPECIES_GROUP,REPORT_AS\n33557,species,yelwar,Yellow Warbler,Setophaga petechia,Passeriformes,Parulidae (New World Warblers),New World Warblers,\n',
    output: [yellowWarbler],
  },
  {
    name: 'eBird v2023/2024 columns (TAXON_CONCEPT_ID, ORDER), BOM, CRLF, quoted family',
    input: '\ufeffTAXON_ORDER,CATEGORY,SPECIES_CODE,TAXON_CONCEPT_ID,PRIMARY_COM_NAME,SCI_NAME,ORDER,FAMILY,SPECIES_GROUP,REPORT_AS\r\n433,species,wooduc,avibase-1,Wood Duck,Aix sponsa,Anseriformes,"Anatidae (Ducks, Geese, and Waterfowl)",Waterfowl,\r\n',
    output: [{ commonName: 'Wood Duck', scientificName: 'Aix sponsa', family: 'Anatidae (Ducks, Geese, and Waterfowl)', speciesCode: 'wooduc', bandingCode: null, taxonomicOrder: 433 }],
  },
  {
    name: 'the eBird API CSV (COMMON_NAME, FAMILY_SCI_NAME, BANDING_CODES)',
    input: 'SCIENTIFIC_NAME,COMMON_NAME,SPECIES_CODE,CATEGORY,TAXON_ORDER,COM_NAME_CODES,SCI_NAME_CODES,BANDING_CODES,ORDER,FAMILY_COM_NAME,FAMILY_SCI_NAME\nSetophaga petechia,Yellow Warbler,yelwar,species,33557.0,AYWA MAWA,SEPE,YEWA,Passeriformes,New World Warblers,Parulidae\n',
    output: [{ ...yellowWarbler, bandingCode: 'YEWA' }],
  },
  {
    name: 'rows that are not species are left out',
    input: 'TAXON_ORDER,CATEGORY,SPECIES_CODE,PRIMARY_COM_NAME,SCI_NAME\n1,issf,yelwar1,Yellow Warbler (Northern),Setophaga petechia [aestiva Group]\n2,spuh,warbl1,warbler sp.,Parulidae sp.\n3,hybrid,x1,A x B (hybrid),a x b\n33557,species,yelwar,Yellow Warbler,Setophaga petechia\n',
    output: [{ ...yellowWarbler, family: null }],
  },
])('$name', ({ input, output }) => {
  expect(parseTaxonomyCsv(input)).toEqual(output);
});

test('a file without a common-name column is refused with a sentence', () => {
  expect(() => parseTaxonomyCsv('a,b\n1,2\n')).toThrow(/common-name column/);
});

test('the shipped reference list parses, with real names, codes and field-guide order', () => {
  const records = parseTaxonomyCsv(fs.readFileSync(path.join(__dirname, '../../config/species/north-america.csv'), 'utf8'));
  expect(records.length).toBeGreaterThan(200);
  expect(records.find((r) => r.commonName === 'Yellow Warbler')).toEqual({ ...yellowWarbler, bandingCode: 'YEWA' });
  for (const record of records) {
    expect(record.speciesCode).toMatch(/^[a-z0-9]{4,8}$/);
    expect(record.bandingCode).toMatch(/^[A-Z]{4}$/);
    expect(record.scientificName).toMatch(/^[A-Z][a-z]+ [a-z]+$/);
  }
  const orders = records.map((r) => r.taxonomicOrder!);
  expect([...orders].sort((a, b) => a - b)).toEqual(orders);
});
