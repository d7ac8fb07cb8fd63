import crypto from 'node:crypto';
import fs from 'node:fs';
import exifr from 'exifr';
import { describe, expect, test } from 'vitest';
import { demoManifestCsv, isDaylightTime, planDemoCollection, renderDemoPhoto } from '../../scripts/import/demo/demo-collection';
import { DEMO_SPECIES } from '../../scripts/import/demo/demo-species';
import { parseManifest } from '../../scripts/import/manifest/parse-manifest';
import { shippedSpeciesList } from '../../scripts/import/run-import';
import { parseTaxonomyCsv } from '../../scripts/import/species/taxonomy';
import { repoRoot } from '../support/cms';

const photos = planDemoCollection(60);
const ratio = (text: string) => text.split('/').map(Number).reduce((a, b) => a / b);

describe('the demo collection’s plan', () => {
  test('about sixty photos of twenty-odd species, several with "yellow" in the name', () => {
    expect(photos).toHaveLength(60);
    const species = new Set(photos.map((p) => p.species.commonName));
    expect(species.size).toBeGreaterThanOrEqual(20);
    expect([...species].filter((name) => /yellow/i.test(name)).length).toBeGreaterThanOrEqual(4);
  });

  test('camera settings a bird photographer uses', () => {
    for (const { exif } of photos) {
      expect(ratio(exif.IFD2.FNumber!)).toBeGreaterThanOrEqual(4);
      expect(ratio(exif.IFD2.FNumber!)).toBeLessThanOrEqual(8);
      expect(ratio(exif.IFD2.ExposureTime!)).toBeGreaterThanOrEqual(1 / 4000);
      expect(ratio(exif.IFD2.ExposureTime!)).toBeLessThanOrEqual(1 / 250);
      expect(Number(exif.IFD2.ISOSpeedRatings)).toBeGreaterThanOrEqual(100);
      expect(Number(exif.IFD2.ISOSpeedRatings)).toBeLessThanOrEqual(6400);
      expect(ratio(exif.IFD2.FocalLength!)).toBeGreaterThanOrEqual(100);
      expect(ratio(exif.IFD2.FocalLength!)).toBeLessThanOrEqual(600);
    }
    expect(new Set(photos.map((p) => p.exif.IFD0.Model)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(photos.map((p) => p.exif.IFD2.LensModel)).size).toBeGreaterThanOrEqual(4);
  });

  test('dates spread over years and months, several in April, with the offset of the place and season', () => {
    const months = photos.map((p) => Number(p.dateTimeOriginal.slice(5, 7)));
    expect(new Set(photos.map((p) => p.dateTimeOriginal.slice(0, 4))).size).toBeGreaterThanOrEqual(5);
    expect(new Set(months).size).toBeGreaterThanOrEqual(8);
    expect(months.filter((m) => m === 4).length).toBeGreaterThanOrEqual(3);
    for (const photo of photos) {
      const [y, m, d] = photo.dateTimeOriginal.slice(0, 10).split(':').map(Number) as [number, number, number];
      const hours = photo.place.standardOffset + (isDaylightTime(y, m, d) ? 1 : 0);
      expect(photo.offsetTimeOriginal).toBe(`-${String(-hours).padStart(2, '0')}:00`);
    }
  });

  test('the manifest reads back as the importer reads it', () => {
    const entries = parseManifest(demoManifestCsv(photos), 'csv')!;
    expect(entries).toHaveLength(60);
    expect(entries[0]).toMatchObject({ file: photos[0]!.file, species: [photos[0]!.species.commonName], location: photos[0]!.place.name });
  });

  test('every demo species is in the shipped reference list, with its scientific name, family, codes and order', () => {
    const reference = new Map(parseTaxonomyCsv(fs.readFileSync(shippedSpeciesList(repoRoot), 'utf8')).map((taxon) => [taxon.commonName, taxon]));
    for (const { commonName } of DEMO_SPECIES) {
      expect(reference.get(commonName), commonName).toMatchObject({
        scientificName: expect.stringMatching(/^[A-Z][a-z]+ [a-z]+$/),
        family: expect.stringMatching(/^[A-Z][a-z]+idae \(.+\)$/),
        speciesCode: expect.stringMatching(/^[a-z]{4,6}\d?$/),
        bandingCode: expect.stringMatching(/^[A-Z]{4}$/),
        taxonomicOrder: expect.any(Number),
      });
    }
  });

  test('the same plan every time (a second demo finds its photos already there)', () => {
    expect(planDemoCollection(60)).toEqual(photos);
  });

  test.each([
    { date: [2021, 3, 13], output: false },
    { date: [2021, 3, 14], output: true },
    { date: [2021, 11, 6], output: true },
    { date: [2021, 11, 7], output: false },
    { date: [2024, 1, 15], output: false },
    { date: [2024, 7, 4], output: true },
  ])('isDaylightTime($date) is $output', ({ date, output }) => {
    const [y, m, d] = date as [number, number, number];
    expect(isDaylightTime(y, m, d)).toBe(output);
  });
});

describe('the demo photos', () => {
  const sample = [photos[0]!, photos[1]!, photos[DEMO_SPECIES.length]!];

  test('differ from one another, are small, and are drawn the same way twice', async () => {
    const rendered = await Promise.all(sample.map(renderDemoPhoto));
    const hashes = rendered.map((bytes) => crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(new Set(hashes).size).toBe(sample.length);
    for (const bytes of rendered) expect(bytes.length).toBeLessThan(200_000);
    expect(crypto.createHash('sha256').update(await renderDemoPhoto(sample[0]!)).digest('hex')).toBe(hashes[0]);
  });

  test('carry EXIF that exifr reads as a camera’s', async () => {
    const photo = sample[0]!;
    const tags = await exifr.parse(await renderDemoPhoto(photo), { reviveValues: false });
    expect(tags).toMatchObject({
      Make: photo.exif.IFD0.Make,
      Model: photo.exif.IFD0.Model,
      LensModel: photo.exif.IFD2.LensModel,
      DateTimeOriginal: photo.dateTimeOriginal,
      OffsetTimeOriginal: photo.offsetTimeOriginal,
      ExifImageWidth: 1600,
      ExifImageHeight: 1067,
    });
    expect(tags.FNumber).toBeCloseTo(ratio(photo.exif.IFD2.FNumber!), 5);
    expect(tags.latitude).toBeCloseTo(photo.place.latitude, 1);
  });
});
