import type { ExifFields } from '@plumage/shared';
import type { Exif } from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { exifFieldsFromTags, readExif } from '../../src/pipeline';
import { makeJpeg, makeTempDir, withAppSegment, writeTo } from '../support/images';

const none: ExifFields = {
  camera: null,
  lens: null,
  fNumber: null,
  exposureTime: null,
  iso: null,
  focalLength: null,
  focalLength35mm: null,
  exposureBias: null,
  takenAtLocal: null,
  takenAt: null,
  takenYear: null,
  takenMonth: null,
  latitude: null,
  longitude: null,
  orientation: 1,
};

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

describe('readExif maps what a camera wrote (images made here with sharp)', () => {
  // IFD0 is the main IFD, IFD2 the Exif IFD, IFD3 the GPS IFD; rationals are written as "n/d".
  const cases: { name: string; exif?: Exif; orientation?: number; output: Partial<ExifFields> }[] = [
    {
      name: 'a DSLR with lens, rationals and an offset',
      exif: {
        IFD0: { Make: 'Canon', Model: 'Canon EOS 1300D' },
        IFD2: {
          LensModel: 'EF100-400mm f/4.5-5.6L IS II USM',
          FNumber: '63/10',
          ExposureTime: '1/500',
          ISOSpeedRatings: '800',
          FocalLength: '400/1',
          FocalLengthIn35mmFilm: '640',
          ExposureBiasValue: '-2/3',
          DateTimeOriginal: '2019:05:12 07:31:05',
          OffsetTimeOriginal: '-04:00',
        },
      },
      output: {
        camera: 'Canon EOS 1300D',
        lens: 'EF100-400mm f/4.5-5.6L IS II USM',
        fNumber: 6.3,
        exposureTime: 0.002,
        iso: 800,
        focalLength: 400,
        focalLength35mm: 640,
        exposureBias: -2 / 3,
        takenAtLocal: '2019-05-12T07:31:05-04:00',
        takenAt: '2019-05-12T11:31:05.000Z',
        takenYear: 2019,
        takenMonth: 5,
      },
    },
    {
      name: 'a maker written in capitals with its corporate suffix',
      exif: { IFD0: { Make: 'NIKON CORPORATION', Model: 'NIKON D850' }, IFD2: { ExposureTime: '30/1', FNumber: '8/1' } },
      output: { camera: 'Nikon D850', exposureTime: 30, fNumber: 8 },
    },
    {
      name: 'a phone whose model does not repeat the maker',
      exif: { IFD0: { Make: 'Google', Model: 'Pixel 7' }, IFD2: { ExposureTime: '1/8000', FocalLength: '681/100' } },
      output: { camera: 'Google Pixel 7', exposureTime: 0.000125, focalLength: 6.81 },
    },
    {
      name: 'a wall clock without an offset (taken as UTC), on new year’s eve',
      exif: { IFD2: { DateTimeOriginal: '2018:12:31 23:59:59' } },
      output: { takenAtLocal: '2018-12-31T23:59:59', takenAt: '2018-12-31T23:59:59.000Z', takenYear: 2018, takenMonth: 12 },
    },
    {
      name: 'year and month from the wall clock, not from UTC',
      exif: { IFD2: { DateTimeOriginal: '2020:01:01 00:30:00', OffsetTimeOriginal: '+02:00' } },
      output: { takenAtLocal: '2020-01-01T00:30:00+02:00', takenAt: '2019-12-31T22:30:00.000Z', takenYear: 2020, takenMonth: 1 },
    },
    {
      name: 'the digitised date when the original date is missing',
      exif: { IFD2: { DateTimeDigitized: '2021:06:15 05:10:00', OffsetTimeDigitized: '+01:00' } },
      output: { takenAtLocal: '2021-06-15T05:10:00+01:00', takenAt: '2021-06-15T04:10:00.000Z', takenYear: 2021, takenMonth: 6 },
    },
    {
      name: 'GPS south and west',
      exif: {
        IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '33/1 51/1 3054/100', GPSLongitudeRef: 'W', GPSLongitude: '151/1 12/1 3/1' },
      },
      output: { latitude: -(33 + 51 / 60 + 30.54 / 3600), longitude: -(151 + 12 / 60 + 3 / 3600) },
    },
    {
      name: 'GPS north and east',
      exif: {
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 17/1 5857/100', GPSLongitudeRef: 'E', GPSLongitude: '14/1 49/1 1306/100' },
      },
      output: { latitude: 50 + 17 / 60 + 58.57 / 3600, longitude: 14 + 49 / 60 + 13.06 / 3600 },
    },
    {
      name: 'placeholders a camera writes when it does not know',
      exif: {
        IFD0: { Make: '  ', Model: 'E-M1MarkII' },
        IFD2: {
          LensModel: '----',
          FNumber: '0/0',
          FocalLength: '0/1',
          FocalLengthIn35mmFilm: '0',
          DateTimeOriginal: '0000:00:00 00:00:00',
          OffsetTimeOriginal: '   :  ',
        },
      },
      output: { camera: 'E-M1MarkII' },
    },
    {
      name: 'an offset that is not one, with a good date',
      exif: { IFD2: { DateTimeOriginal: '2017:03:04 10:11:12', OffsetTimeOriginal: 'xx:yy' } },
      output: { takenAtLocal: '2017-03-04T10:11:12', takenAt: '2017-03-04T10:11:12.000Z', takenYear: 2017, takenMonth: 3 },
    },
    { name: 'an orientation tag alone', orientation: 8, output: { orientation: 8 } },
    { name: 'no EXIF at all', output: {} },
  ];

  test.each(cases)('$name', async ({ name, exif, orientation, output }) => {
    const path = await writeTo(dir, `${name.replace(/\W+/g, '-')}.jpg`, await makeJpeg({ exif, orientation }));
    const fields = await readExif(path);
    const expected = { ...none, ...output };
    for (const [key, value] of Object.entries(expected)) {
      if (typeof value === 'number' && !Number.isInteger(value)) expect(fields[key as keyof ExifFields], key).toBeCloseTo(value, 9);
      else expect(fields[key as keyof ExifFields], key).toEqual(value);
    }
  });

  test('reads the same fields from the bytes as from the file', async () => {
    const jpeg = await makeJpeg({ exif: cases[0]!.exif });
    expect(await readExif(jpeg)).toEqual(await readExif(await writeTo(dir, 'bytes.jpg', jpeg)));
  });
});

describe('readExif keeps the wall clock whatever the process time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  test.each(['UTC', 'America/Los_Angeles', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Europe/Berlin'])('TZ=%s', async (tz) => {
    // 02:30 on 31 March 2024 does not exist in Berlin (clocks jump from 02:00 to 03:00).
    const jpeg = await makeJpeg({ exif: { IFD2: { DateTimeOriginal: '2024:03:31 02:30:00' } } });
    const withOffset = await makeJpeg({ exif: { IFD2: { DateTimeOriginal: '2023:12:31 23:30:00', OffsetTimeOriginal: '-05:00' } } });
    process.env.TZ = tz;
    expect(await readExif(jpeg)).toMatchObject({
      takenAtLocal: '2024-03-31T02:30:00',
      takenAt: '2024-03-31T02:30:00.000Z',
      takenYear: 2024,
      takenMonth: 3,
    });
    expect(await readExif(withOffset)).toMatchObject({
      takenAtLocal: '2023-12-31T23:30:00-05:00',
      takenAt: '2024-01-01T04:30:00.000Z',
      takenYear: 2023,
      takenMonth: 12,
    });
  });
});

describe('readExif never throws for damaged or hostile input', () => {
  const exifHeader = Buffer.from('Exif\0\0', 'latin1');
  const tiff = (...bytes: number[]) => Buffer.concat([exifHeader, Buffer.from(bytes)]);
  const cases: { name: string; file: () => Promise<Buffer | string> }[] = [
    { name: 'a text file', file: async () => 'not a picture' },
    { name: 'random bytes', file: async () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
    { name: 'an EXIF segment with a bad byte order', file: async () => withAppSegment(await makeJpeg(), 0xe1, tiff(0x58, 0x58, 0x2a, 0)) },
    {
      name: 'an IFD offset far beyond the segment',
      file: async () => withAppSegment(await makeJpeg(), 0xe1, tiff(0x49, 0x49, 0x2a, 0, 0xf0, 0xff, 0xff, 0x7f)),
    },
    {
      name: 'an IFD that claims 65535 entries',
      file: async () => withAppSegment(await makeJpeg(), 0xe1, tiff(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0xff, 0xff, 0x0f, 0x01, 2, 0)),
    },
    {
      name: 'a Make tag whose value lies outside the file',
      file: async () =>
        withAppSegment(
          await makeJpeg(),
          0xe1,
          // one entry: tag 0x010f (Make), ASCII, 200 bytes, at offset 0x7ffffff0
          tiff(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x0f, 0x01, 2, 0, 200, 0, 0, 0, 0xf0, 0xff, 0xff, 0x7f, 0, 0, 0, 0),
        ),
    },
    { name: 'a truncated EXIF segment', file: async () => (await makeJpeg({ exif: { IFD0: { Make: 'Canon' } } })).subarray(0, 40) },
  ];

  test.each(cases)('$name', async ({ name, file }) => {
    const path = await writeTo(dir, `${name.replace(/\W+/g, '-')}.jpg`, await file());
    const started = performance.now();
    const fields = await readExif(path);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fields).toEqual(none);
  });

  test('a missing file gives empty fields', async () => {
    expect(await readExif(`${dir}/missing.jpg`)).toEqual(none);
  });
});

describe('exifFieldsFromTags', () => {
  const cases: { name: string; input: Record<string, unknown>; output: Partial<ExifFields> }[] = [
    { name: 'several ISO values give the first', input: { ISO: [400, 0] }, output: { iso: 400 } },
    { name: 'an ISO of zero is unknown', input: { ISO: 0 }, output: {} },
    { name: 'a negative f-number is damage', input: { FNumber: -2 }, output: {} },
    { name: 'an infinite exposure is damage', input: { ExposureTime: Infinity }, output: {} },
    { name: 'a text where a number belongs', input: { FNumber: 'f/8' }, output: {} },
    { name: 'a numeric string', input: { FNumber: '5.6' }, output: { fNumber: 5.6 } },
    { name: 'control characters and padding in a lens', input: { LensModel: 'EF70-200mm\u0000\u0000 f/2.8L ' }, output: { lens: 'EF70-200mm f/2.8L' } },
    { name: 'an absurdly long model', input: { Model: 'x'.repeat(5000) }, output: {} },
    { name: 'a latitude without a longitude', input: { GPSLatitude: [10, 0, 0], GPSLatitudeRef: 'N' }, output: {} },
    { name: 'a latitude over 90°', input: { GPSLatitude: [91, 0, 0], GPSLongitude: [1, 0, 0] }, output: {} },
    { name: 'minutes of 60 or more', input: { GPSLatitude: [10, 60, 0], GPSLongitude: [1, 0, 0] }, output: {} },
    { name: 'no hemisphere letter reads as north and east', input: { GPSLatitude: [10, 30, 0], GPSLongitude: [1, 15, 0] }, output: { latitude: 10.5, longitude: 1.25 } },
    { name: 'a lower-case hemisphere letter', input: { GPSLatitude: [10, 30, 0], GPSLatitudeRef: 's', GPSLongitude: [1, 15, 0], GPSLongitudeRef: 'w' }, output: { latitude: -10.5, longitude: -1.25 } },
    { name: 'orientation out of range', input: { Orientation: 9 }, output: {} },
    { name: 'a date as a Date object is not trusted (it depends on the machine zone)', input: { DateTimeOriginal: new Date(0) }, output: {} },
  ];
  test.each(cases)('$name', ({ input, output }) => {
    expect(exifFieldsFromTags(input)).toEqual({ ...none, ...output });
  });
});
