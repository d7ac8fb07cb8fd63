/**
 * The importer against a CMS in process: predecessor galleries in each library's markup, and
 * folders of photos with manifests, XMP and folder names. Each test imports its own photos
 * (distinct seeds) into the same CMS and checks what the CMS then holds, over REST.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeDemoCollection } from '../../scripts/import/demo/demo-collection';
import { runImport, shippedSpeciesList, type ImportOptions } from '../../scripts/import/run-import';
import { repoRoot, startCms, type RunningCms } from '../support/cms';
import { ensureSpecies, publishedPhotos, speciesByName, speciesNames, type StoredPhoto } from './cms-queries';
import { tempDir, writeGallery, writePhoto, xmpPacket, type FixturePhoto, type GalleryLayout } from './fixtures/predecessor-sites';

let cms: RunningCms;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  cms = await startCms();
});
afterAll(async () => {
  await cms?.stop();
});

function importInto(target: string, extra: Partial<ImportOptions> = {}) {
  return runImport({ target, url: cms.url, token: cms.token, logger, speciesLists: [shippedSpeciesList(repoRoot)], ...extra });
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function stored(root: string, file: string): Promise<StoredPhoto> {
  const photo = (await publishedPhotos(cms)).get(sha(path.join(root, file)));
  if (!photo) throw new Error(`${file} is not in the collection (published)`);
  return photo;
}

const summaryOf = (photo: StoredPhoto) => ({
  species: photo.species.map((s) => s.commonName).sort(),
  location: photo.location,
  takenYear: photo.takenYear,
  takenMonth: photo.takenMonth,
});

describe('a predecessor gallery in each library’s markup', () => {
  const layouts: Array<{ layout: GalleryLayout; seed: number }> = [
    { layout: 'lightbox2', seed: 1000 },
    { layout: 'fancybox', seed: 1100 },
    { layout: 'photoswipe4', seed: 1200 },
    { layout: 'photoswipe5', seed: 1300 },
    { layout: 'figure', seed: 1400 },
    { layout: 'plain', seed: 1500 },
  ];

  test.each(layouts)('$layout: every full-size image, with species, place and date from its caption', async ({ layout, seed }) => {
    const root = tempDir();
    const photos: FixturePhoto[] = [
      { file: 'images/yellow-warbler.jpg', seed, caption: 'Yellow Warbler, Magee Marsh, Ohio, May 2019' },
      { file: 'images/chat and yellowthroat.jpg', seed: seed + 1, caption: 'Yellow-breasted Chat and Common Yellowthroat — High Island, Texas — April 14, 2021' },
      // EXIF has a date: it wins over the caption's.
      { file: 'images/owl.jpg', seed: seed + 2, caption: 'Snowy Owl, Duluth, Minnesota, January 2020', exif: { dateTimeOriginal: '2021:02:03 08:00:00', offsetTimeOriginal: '-06:00' } },
    ];
    await writeGallery(root, layout, photos);

    const report = await importInto(root);
    expect(report.mode).toBe('gallery');
    expect(report.counts).toEqual({ imported: 3, already: 0, failed: 0, 'would-import': 0 });

    expect(summaryOf(await stored(root, photos[0]!.file))).toEqual({ species: ['Yellow Warbler'], location: 'Magee Marsh, Ohio', takenYear: 2019, takenMonth: 5 });
    expect(summaryOf(await stored(root, photos[1]!.file))).toEqual({ species: ['Common Yellowthroat', 'Yellow-breasted Chat'], location: 'High Island, Texas', takenYear: 2021, takenMonth: 4 });
    expect(summaryOf(await stored(root, photos[2]!.file))).toEqual({ species: ['Snowy Owl'], location: 'Duluth, Minnesota', takenYear: 2021, takenMonth: 2 });
    const first = await stored(root, photos[0]!.file);
    expect(first.title).toBe('Yellow Warbler');
    expect(first.caption).toBe('Yellow Warbler, Magee Marsh, Ohio, May 2019');
    expect(first.publishedAt).toBeTruthy();
  });

  test('species are matched without regard to case, created once, with the reference list’s names, codes and order', async () => {
    await ensureSpecies(cms, ['cedar waxwing']);
    const root = tempDir();
    await writeGallery(root, 'lightbox2', [
      { file: 'a.jpg', seed: 1600, caption: 'CEDAR WAXWING, Ithaca, 2015' },
      { file: 'b.jpg', seed: 1601, caption: 'Baltimore oriole, Ithaca, 2015' },
      { file: 'c.jpg', seed: 1602, caption: 'baltimore Oriole, Ithaca, 2016' },
      // Not in the reference list, but a bird by its name: created as written.
      { file: 'd.jpg', seed: 1603, caption: 'Bicknell’s Thrush, Mount Mansfield, Vermont, June 2017' },
    ]);
    const report = await importInto(root);
    expect(report.counts.imported).toBe(4);
    expect(report.speciesCreated.sort()).toEqual(['Baltimore Oriole', 'Bicknell’s Thrush']);
    const names = await speciesNames(cms);
    expect(names.filter((n) => /waxwing/i.test(n))).toEqual(['cedar waxwing']);
    expect(names.filter((n) => /oriole/i.test(n))).toEqual(['Baltimore Oriole']);
    expect(await speciesByName(cms, 'Baltimore Oriole')).toMatchObject({ scientificName: 'Icterus galbula', code: 'BAOR', taxonomicOrder: 33241, family: 'Icteridae (Troupials and Allies)' });
    // A species the owner made by hand gets its gaps filled, its own spelling kept.
    expect(await speciesByName(cms, 'cedar waxwing')).toMatchObject({ commonName: 'cedar waxwing', scientificName: 'Bombycilla cedrorum', code: 'CEDW' });
  });

  test('a gallery of several pages, given by its first page, is read whole', async () => {
    const root = tempDir();
    await writeGallery(root, 'fancybox', [{ file: 'p1/a.jpg', seed: 1700, caption: 'Wood Duck, Montezuma, 2019' }], 'index.html');
    await writeGallery(root, 'photoswipe5', [{ file: 'p2/b.jpg', seed: 1701, caption: 'Mallard, Montezuma, 2019' }], 'page2.html');
    fs.appendFileSync(path.join(root, 'index.html'), '<nav><a href="page2.html">next page</a></nav>');
    const report = await importInto(path.join(root, 'index.html'));
    expect(report.counts.imported).toBe(2);
    expect(report.pagesOrManifests.sort()).toEqual(['index.html', 'page2.html']);
  });
});

test('a gallery still online, given by its URL: pages followed, images downloaded, a missing one reported', async () => {
  const root = tempDir();
  await writeGallery(root, 'lightbox2', [{ file: 'photos/a.jpg', seed: 1800, caption: 'Piping Plover, Sandy Hook, New Jersey, June 2018' }], 'index.html');
  await writeGallery(root, 'figure', [{ file: 'photos/b.jpg', seed: 1801, caption: 'Black Skimmer, Sandy Hook, New Jersey, July 2018' }], 'more.html');
  fs.appendFileSync(path.join(root, 'index.html'), '<a href="more.html">more</a><a data-lightbox="trip" href="photos/gone.jpg" data-title="Least Tern"><img src="thumbs/gone.jpg"></a>');
  // A plain static file server, as the old host would be.
  const server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html' : 'image/jpeg' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const report = await importInto(`${site}/index.html`);
    expect(report.pagesOrManifests).toEqual([`${site}/index.html`, `${site}/more.html`]);
    expect(report.counts).toEqual({ imported: 2, already: 0, failed: 1, 'would-import': 0 });
    expect(report.outcomes.find((o) => o.status === 'failed')).toEqual({ label: `${site}/photos/gone.jpg`, status: 'failed', reason: 'download failed: 404 Not Found' });
    expect(summaryOf(await stored(root, 'photos/a.jpg'))).toEqual({ species: ['Piping Plover'], location: 'Sandy Hook, New Jersey', takenYear: 2018, takenMonth: 6 });
    expect(summaryOf(await stored(root, 'photos/b.jpg'))).toEqual({ species: ['Black Skimmer'], location: 'Sandy Hook, New Jersey', takenYear: 2018, takenMonth: 7 });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('a folder of photos', () => {
  test('species, title, place and date from a CSV manifest', async () => {
    const root = tempDir();
    await writePhoto(root, { file: 'IMG_0001.jpg', seed: 2000 });
    await writePhoto(root, { file: 'day2/IMG_0002.jpg', seed: 2001 });
    fs.writeFileSync(
      path.join(root, 'manifest.csv'),
      'file,species,title,location,date,latitude,longitude\n' +
        'IMG_0001.jpg,Indigo Bunting,Singing male,"Shawnee, Ohio",2018-06-02,38.74,-83.2\n' +
        'day2/IMG_0002.jpg,Scarlet Tanager|Blue Jay,,Shawnee,June 2018,,\n',
    );
    const report = await importInto(root);
    expect(report.counts).toEqual({ imported: 2, already: 0, failed: 0, 'would-import': 0 });
    const one = await stored(root, 'IMG_0001.jpg');
    expect({ ...summaryOf(one), title: one.title, latitude: Number(one.latitude) }).toEqual({ species: ['Indigo Bunting'], location: 'Shawnee, Ohio', takenYear: 2018, takenMonth: 6, title: 'Singing male', latitude: 38.74 });
    expect(summaryOf(await stored(root, 'day2/IMG_0002.jpg'))).toEqual({ species: ['Blue Jay', 'Scarlet Tanager'], location: 'Shawnee', takenYear: 2018, takenMonth: 6 });
  });

  test('species from a JSON manifest, and a manifest entry without its file is reported', async () => {
    const root = tempDir();
    await writePhoto(root, { file: 'a.jpg', seed: 2100 });
    fs.writeFileSync(path.join(root, 'photos.json'), JSON.stringify({ photos: [{ file: 'a.jpg', species: ['Eastern Bluebird'], location: 'Amherst' }, { file: 'gone.jpg', species: ['Blue Jay'] }] }));
    const report = await importInto(root);
    expect(report.counts).toEqual({ imported: 1, already: 0, failed: 1, 'would-import': 0 });
    expect(report.outcomes.find((o) => o.status === 'failed')).toMatchObject({ label: 'gone.jpg', reason: expect.stringMatching(/no such image/) });
    expect(summaryOf(await stored(root, 'a.jpg')).species).toEqual(['Eastern Bluebird']);
  });

  test('species from folder names (Yellow Warbler/IMG_1234.jpg), thumbnails folders left alone', async () => {
    const root = tempDir();
    await writePhoto(root, { file: 'Yellow Warbler/IMG_1234.jpg', seed: 2200 });
    await writePhoto(root, { file: '2019/northern_cardinal/IMG_1235.jpg', seed: 2201 });
    await writePhoto(root, { file: 'Yellow Warbler/thumbs/IMG_1234.jpg', seed: 2202 });
    fs.writeFileSync(path.join(root, 'notes.txt'), 'my birds');
    const report = await importInto(root);
    expect(report.counts.imported).toBe(2);
    expect(report.ignoredFiles).toBe(1);
    expect(summaryOf(await stored(root, 'Yellow Warbler/IMG_1234.jpg')).species).toEqual(['Yellow Warbler']);
    expect(summaryOf(await stored(root, '2019/northern_cardinal/IMG_1235.jpg')).species).toEqual(['Northern Cardinal']);
  });

  test('species, place and date from XMP title and keywords (read with exifr)', async () => {
    const root = tempDir();
    await writePhoto(root, { file: 'DSC_0001.jpg', seed: 2300, xmp: xmpPacket({ keywords: ['Ohio', 'Red-winged Blackbird', 'marsh'] }) });
    await writePhoto(root, { file: 'DSC_0002.jpg', seed: 2301, xmp: xmpPacket({ title: 'Great Blue Heron, Everglades, Florida, March 2017' }) });
    const report = await importInto(root);
    expect(report.counts.imported).toBe(2);
    expect(summaryOf(await stored(root, 'DSC_0001.jpg')).species).toEqual(['Red-winged Blackbird']);
    expect(summaryOf(await stored(root, 'DSC_0002.jpg'))).toEqual({ species: ['Great Blue Heron'], location: 'Everglades, Florida', takenYear: 2017, takenMonth: 3 });
  });

  test('species, title, place, date and caption from IPTC Object Name, Keywords and Caption (no XMP)', async () => {
    const root = tempDir();
    await writePhoto(root, { file: 'DSC_0101.jpg', seed: 2350, iptc: { keywords: ['Ohio', 'American Redstart', 'spring'], caption: 'First-year male, flycatching' } });
    await writePhoto(root, { file: 'DSC_0102.jpg', seed: 2351, iptc: { objectName: 'Prothonotary Warbler, Magee Marsh, Ohio, May 2019', keywords: ['swamp'] } });
    const report = await importInto(root);
    expect(report.counts).toEqual({ imported: 2, already: 0, failed: 0, 'would-import': 0 });
    const redstart = await stored(root, 'DSC_0101.jpg');
    expect({ species: summaryOf(redstart).species, title: redstart.title, caption: redstart.caption }).toEqual({ species: ['American Redstart'], title: 'American Redstart', caption: 'First-year male, flycatching' });
    const prothonotary = await stored(root, 'DSC_0102.jpg');
    expect({ ...summaryOf(prothonotary), title: prothonotary.title }).toEqual({ species: ['Prothonotary Warbler'], location: 'Magee Marsh, Ohio', takenYear: 2019, takenMonth: 5, title: 'Prothonotary Warbler' });
  });

  test('--no-create-species refuses photos of unknown species, naming them, and creates none', async () => {
    const root = tempDir();
    await writePhoto(root, { file: 'Kirtland’s Warbler/1.jpg', seed: 2400 });
    await writePhoto(root, { file: 'Yellow Warbler/2.jpg', seed: 2401 });
    await ensureSpecies(cms, ['Yellow Warbler']);
    const before = await speciesNames(cms);
    const report = await importInto(root, { createSpecies: false });
    expect(report.counts).toMatchObject({ imported: 1, failed: 1 });
    expect(report.outcomes.find((o) => o.status === 'failed')?.reason).toBe('unknown species "Kirtland\'s Warbler" (not created: --no-create-species)');
    expect(await speciesNames(cms)).toEqual(before);
  });

  test('--taxonomy fills scientific name, family, code and order of matched and created species', async () => {
    const root = tempDir();
    await writePhoto(root, { file: 'Bicknell’s Thrush/1.jpg', seed: 2500 });
    await writePhoto(root, { file: 'Hermit Thrush/2.jpg', seed: 2501 });
    const taxonomy = path.join(root, 'eBird_taxonomy_v2024.csv');
    fs.writeFileSync(
      taxonomy,
      'TAXON_ORDER,CATEGORY,SPECIES_CODE,TAXON_CONCEPT_ID,PRIMARY_COM_NAME,SCI_NAME,ORDER,FAMILY,SPECIES_GROUP,REPORT_AS\n' +
        '28015,species,bicthr,avibase-1,Bicknell\'s Thrush,Catharus bicknelli,Passeriformes,Turdidae (Thrushes and Allies),Thrushes,\n' +
        '28033,species,herthr,avibase-2,Hermit Thrush,Catharus guttatus,Passeriformes,Turdidae (Thrushes and Allies),Thrushes,\n',
    );
    const report = await importInto(root, { speciesLists: [taxonomy] });
    expect(report.counts.imported).toBe(2);
    // Created in an earlier test without a taxonomy: its gaps are filled now.
    expect(await speciesByName(cms, 'Bicknell’s Thrush')).toMatchObject({ scientificName: 'Catharus bicknelli', code: 'bicthr', taxonomicOrder: 28015, family: 'Turdidae (Thrushes and Allies)' });
    expect(await speciesByName(cms, 'Hermit Thrush')).toMatchObject({ scientificName: 'Catharus guttatus', code: 'herthr', taxonomicOrder: 28033 });
  });
});

test('the demo collection goes in through the same path, with real species data and its EXIF', async () => {
  const root = tempDir();
  const { photos } = await writeDemoCollection(root, 8);
  const report = await importInto(root);
  expect(report.counts).toEqual({ imported: 8, already: 0, failed: 0, 'would-import': 0 });
  const first = photos[0]!;
  const stored = (await publishedPhotos(cms)).get(sha(path.join(root, first.file)))! as StoredPhoto & Record<string, unknown>;
  expect(stored).toMatchObject({ title: first.title, location: first.place.name, camera: first.exif.IFD0.Model, lens: first.exif.IFD2.LensModel });
  expect(stored.takenAtLocal).toBe(`${first.dateTimeOriginal.slice(0, 10).replace(/:/g, '-')}T${first.dateTimeOriginal.slice(11)}${first.offsetTimeOriginal}`);
  expect(await speciesByName(cms, first.species.commonName)).toMatchObject({ code: expect.stringMatching(/^[A-Z]{4}$/), taxonomicOrder: expect.any(Number), scientificName: expect.any(String) });
  // Drawn again from the same plan: a second demo run finds them all.
  const again = await importInto(root);
  expect(again.counts).toMatchObject({ imported: 0, already: 8 });
});
