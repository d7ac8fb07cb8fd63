import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  formatAperture,
  formatCamera,
  formatExposure,
  formatExposureBias,
  formatFocalLength,
  formatIso,
  formatTakenAt,
  formatTakenDate,
  shootingData,
  type RationalInput,
  type ShootingDataSource,
  type ShootingDatum,
  type TakenAtOptions,
} from '../src/index.js';

const MINUS = '\u2212';

describe('formatAperture', () => {
  const cases: Array<{ input: RationalInput; output: string | null }> = [
    { input: 6.3, output: 'f/6.3' },
    { input: 8, output: 'f/8' },
    { input: 1.4, output: 'f/1.4' },
    { input: 63 / 10, output: 'f/6.3' },
    { input: '63/10', output: 'f/6.3' },
    { input: '8', output: 'f/8' },
    { input: [63, 10], output: 'f/6.3' },
    { input: 2, output: 'f/2' },
    { input: 4.9, output: 'f/4.9' },
    { input: 22, output: 'f/22' },
    { input: 5.66, output: 'f/5.7' },
    { input: 0.95, output: 'f/0.95' },
    { input: 1.05, output: 'f/1.1' },
    { input: null, output: null },
    { input: undefined, output: null },
    { input: Number.NaN, output: null },
    { input: Number.POSITIVE_INFINITY, output: null },
    { input: 0, output: null },
    { input: -2.8, output: null },
    { input: '0/0', output: null },
    { input: 'f/2.8', output: null },
    { input: '', output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(formatAperture(input)).toBe(output);
    });
  }
});

describe('formatExposure', () => {
  const cases: Array<{ input: RationalInput; output: string | null }> = [
    // Faster than 1/4 s: 1/N, N a standard speed when within 1%, else the nearest whole number.
    { input: 1 / 500, output: '1/500 s' },
    { input: '1/500', output: '1/500 s' },
    { input: [1, 500], output: '1/500 s' },
    { input: 0.002, output: '1/500 s' },
    { input: 0.004, output: '1/250 s' },
    { input: 0.00625, output: '1/160 s' },
    { input: 0.000376, output: '1/2660 s' },
    { input: 0.000125, output: '1/8000 s' },
    { input: '10/600', output: '1/60 s' },
    { input: 0.0166, output: '1/60 s' },
    { input: 0.00031, output: '1/3200 s' },
    { input: 0.0013, output: '1/769 s' },
    { input: 0.2, output: '1/5 s' },
    { input: 0.25, output: '1/4 s' },
    // Between 1/4 s and 1 s: 1/N only for whole N, otherwise tenths as cameras display them.
    { input: 0.5, output: '1/2 s' },
    { input: 1 / 3, output: '1/3 s' },
    { input: 0.333, output: '1/3 s' },
    { input: 0.3, output: '0.3 s' },
    { input: 0.26, output: '0.3 s' },
    { input: 0.4, output: '0.4 s' },
    { input: '2/5', output: '0.4 s' },
    { input: 0.6, output: '0.6 s' },
    { input: 0.8, output: '0.8 s' },
    // A second and longer: seconds, at most one decimal.
    { input: 1, output: '1 s' },
    { input: 1.3, output: '1.3 s' },
    { input: 2, output: '2 s' },
    { input: '5/2', output: '2.5 s' },
    { input: 30, output: '30 s' },
    { input: null, output: null },
    { input: 0, output: null },
    { input: -0.002, output: null },
    { input: '1/0', output: null },
    { input: 'fast', output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(formatExposure(input)).toBe(output);
    });
  }
});

describe('formatFocalLength', () => {
  const cases: Array<{ input: [RationalInput, RationalInput?]; output: string | null }> = [
    { input: [400], output: '400 mm' },
    { input: [4.67], output: '4.7 mm' },
    { input: [21.3125], output: '21.3 mm' },
    { input: [36], output: '36 mm' },
    { input: ['85/2'], output: '42.5 mm' },
    { input: [4.67, 26], output: '4.7 mm (26 mm equiv.)' },
    { input: [4.67, '26'], output: '4.7 mm (26 mm equiv.)' },
    { input: [400, 400], output: '400 mm' },
    { input: [400, 600], output: '400 mm (600 mm equiv.)' },
    { input: [36, null], output: '36 mm' },
    { input: [36, 0], output: '36 mm' },
    { input: [null, 26], output: null },
    { input: [0], output: null },
    { input: [-50], output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(formatFocalLength(...input)).toBe(output);
    });
  }
});

describe('formatExposureBias', () => {
  const cases: Array<{ input: RationalInput; output: string | null }> = [
    { input: 1 / 3, output: '+1/3 EV' },
    { input: 0.333, output: '+1/3 EV' },
    { input: -0.6667, output: `${MINUS}2/3 EV` },
    { input: -2 / 3, output: `${MINUS}2/3 EV` },
    { input: '-2/3', output: `${MINUS}2/3 EV` },
    { input: [-4, 6], output: `${MINUS}2/3 EV` },
    { input: 0, output: '0 EV' },
    { input: -0.04, output: '0 EV' },
    { input: 1, output: '+1 EV' },
    { input: -1, output: `${MINUS}1 EV` },
    { input: -1.3333, output: `${MINUS}1 1/3 EV` },
    { input: 1.5, output: '+1 1/2 EV' },
    { input: 0.5, output: '+1/2 EV' },
    { input: -0.5, output: `${MINUS}1/2 EV` },
    { input: 0.7, output: '+2/3 EV' },
    { input: 2, output: '+2 EV' },
    { input: 5, output: '+5 EV' },
    { input: null, output: null },
    { input: Number.NaN, output: null },
    { input: 'none', output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(formatExposureBias(input)).toBe(output);
    });
  }
});

describe('formatIso', () => {
  const cases: Array<{ input: RationalInput; output: string | null }> = [
    { input: 800, output: 'ISO 800' },
    { input: 12800, output: 'ISO 12800' },
    { input: 50, output: 'ISO 50' },
    { input: '400', output: 'ISO 400' },
    { input: 0, output: null },
    { input: null, output: null },
    { input: 'auto', output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(formatIso(input)).toBe(output);
    });
  }
});

describe('formatTakenAt and formatTakenDate read the wall clock, whatever zone the server is in', () => {
  const cases: Array<{ input: [string | null, TakenAtOptions?]; output: string | null; date: string | null }> = [
    { input: ['2019-05-12T07:31:05-04:00'], output: `12 May 2019, 07:31 (UTC${MINUS}4)`, date: '12 May 2019' },
    { input: ['2019-05-12T07:31:05'], output: '12 May 2019, 07:31', date: '12 May 2019' },
    { input: ['2019-05-12T23:59:59-11:00'], output: `12 May 2019, 23:59 (UTC${MINUS}11)`, date: '12 May 2019' },
    { input: ['2019-05-12T00:05:00+14:00'], output: '12 May 2019, 00:05 (UTC+14)', date: '12 May 2019' },
    { input: ['2019-05-12T07:31:05+05:30'], output: '12 May 2019, 07:31 (UTC+5:30)', date: '12 May 2019' },
    { input: ['2019-05-12T07:31:05+00:00'], output: '12 May 2019, 07:31 (UTC)', date: '12 May 2019' },
    { input: ['2019-05-12T07:31:05.000Z'], output: '12 May 2019, 07:31 (UTC)', date: '12 May 2019' },
    { input: ['2019-05-12T07:31:05-04:00', { showOffset: false }], output: '12 May 2019, 07:31', date: '12 May 2019' },
    { input: ['2003-12-01T12:01'], output: '1 December 2003, 12:01', date: '1 December 2003' },
    { input: ['2020-02-29T10:00:00'], output: '29 February 2020, 10:00', date: '29 February 2020' },
    { input: ['2019-02-29T10:00:00'], output: null, date: null },
    { input: ['2019-13-01T10:00:00'], output: null, date: null },
    { input: ['2019-05-12T24:00:00'], output: null, date: null },
    { input: ['2019-05-12T07:31:05+25:00'], output: null, date: null },
    { input: ['12 May 2019'], output: null, date: null },
    { input: [''], output: null, date: null },
    { input: [null], output: null, date: null },
  ];
  // Minutes behind UTC on 12 May 2019, as Date.getTimezoneOffset() reports them: zones with odd offsets on both sides.
  const zones: Record<string, number> = { 'Pacific/Chatham': -765, 'America/St_Johns': 150, 'Asia/Kathmandu': -345, UTC: 0 };
  const originalZone = process.env.TZ;
  afterAll(() => {
    if (originalZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalZone;
  });

  for (const [zone, minutesBehindUtc] of Object.entries(zones)) {
    describe(`TZ=${zone}`, () => {
      beforeAll(() => {
        process.env.TZ = zone;
      });
      test('the zone is in effect for Date', () => {
        expect(new Date(Date.UTC(2019, 4, 12, 12)).getTimezoneOffset()).toBe(minutesBehindUtc);
      });
      for (const { input, output, date } of cases) {
        test(`${JSON.stringify(input)} → ${JSON.stringify(output)} / ${JSON.stringify(date)}`, () => {
          expect(formatTakenAt(...input)).toBe(output);
          expect(formatTakenDate(input[0])).toBe(date);
        });
      }
    });
  }
});

describe('formatCamera', () => {
  const cases: Array<{ input: [string | null, string | null]; output: string | null }> = [
    { input: ['Canon', 'Canon EOS 1300D'], output: 'Canon EOS 1300D' },
    { input: ['Canon', 'Canon PowerShot S40'], output: 'Canon PowerShot S40' },
    { input: ['NIKON CORPORATION', 'NIKON D850'], output: 'Nikon D850' },
    { input: ['NIKON', 'COOLPIX P1000'], output: 'Nikon COOLPIX P1000' },
    { input: ['Google', 'Pixel'], output: 'Google Pixel' },
    { input: ['Apple', 'iPhone 12 Pro'], output: 'Apple iPhone 12 Pro' },
    { input: ['SONY', 'ILCE-7M3'], output: 'Sony ILCE-7M3' },
    { input: ['FUJIFILM', 'X-T3'], output: 'Fujifilm X-T3' },
    { input: ['OLYMPUS OPTICAL CO.,LTD', 'C-5050Z'], output: 'Olympus C-5050Z' },
    { input: ['OLYMPUS IMAGING CORP.', 'E-M1MarkII'], output: 'Olympus E-M1MarkII' },
    { input: ['OLYMPUS CORPORATION', 'E-M1MarkIII'], output: 'Olympus E-M1MarkIII' },
    { input: ['OM Digital Solutions', 'OM-1'], output: 'OM System OM-1' },
    { input: ['EASTMAN KODAK COMPANY', 'KODAK Z990 DIGITAL CAMERA'], output: 'Kodak Z990 DIGITAL CAMERA' },
    { input: ['LEICA CAMERA AG', 'LEICA Q2'], output: 'Leica Q2' },
    { input: ['KONICA MINOLTA', 'KONICA MINOLTA DiMAGE A2'], output: 'Konica Minolta DiMAGE A2' },
    { input: ['RICOH IMAGING COMPANY, LTD.', 'PENTAX K-3'], output: 'Ricoh PENTAX K-3' },
    { input: ['Panasonic', 'DMC-FZ1000'], output: 'Panasonic DMC-FZ1000' },
    { input: ['OnePlus', 'ONEPLUS A6003'], output: 'OnePlus A6003' },
    { input: ['Acme Imaging Corp.', 'X1'], output: 'Acme X1' },
    { input: ['Acme Imaging Corp.', 'Acme X1'], output: 'Acme X1' },
    { input: ['Canon', 'CanonFlex'], output: 'Canon CanonFlex' },
    { input: ['Canon\0\0\0', '  Canon   EOS 30D\0 '], output: 'Canon EOS 30D' },
    { input: ['Canon', 'Canon'], output: 'Canon' },
    { input: ['Google', null], output: 'Google' },
    { input: ['NIKON CORPORATION', ''], output: 'Nikon' },
    { input: [null, 'iPhone'], output: 'iPhone' },
    { input: ['', 'iPhone'], output: 'iPhone' },
    { input: [null, null], output: null },
    { input: ['  ', ' '], output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(formatCamera(...input)).toBe(output);
    });
  }
});

describe('shootingData', () => {
  const cases: Array<{ input: ShootingDataSource; output: ShootingDatum[] }> = [
    {
      input: {
        lens: 'EF-S18-55mm f/3.5-5.6 III',
        camera: 'Canon EOS 1300D',
        exposureBias: -1 / 3,
        iso: 400,
        focalLength: 36,
        focalLength35mm: 58,
        exposureTime: 0.00625,
        fNumber: 10,
      },
      output: [
        { key: 'aperture', label: 'Aperture', value: 'f/10' },
        { key: 'exposure', label: 'Exposure', value: '1/160 s' },
        { key: 'focalLength', label: 'Focal length', value: '36 mm (58 mm equiv.)' },
        { key: 'iso', label: 'ISO', value: 'ISO 400' },
        { key: 'exposureBias', label: 'Exposure bias', value: `${MINUS}1/3 EV` },
        { key: 'camera', label: 'Camera', value: 'Canon EOS 1300D' },
        { key: 'lens', label: 'Lens', value: 'EF-S18-55mm f/3.5-5.6 III' },
      ],
    },
    {
      input: { fNumber: 2, exposureTime: null, iso: 50, camera: 'Google Pixel', lens: '', exposureBias: 0 },
      output: [
        { key: 'aperture', label: 'Aperture', value: 'f/2' },
        { key: 'iso', label: 'ISO', value: 'ISO 50' },
        { key: 'exposureBias', label: 'Exposure bias', value: '0 EV' },
        { key: 'camera', label: 'Camera', value: 'Google Pixel' },
      ],
    },
    { input: {}, output: [] },
    { input: { fNumber: 0, exposureTime: -1, focalLength: null, focalLength35mm: 26, camera: ' ' }, output: [] },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)}`, () => {
      expect(shootingData(input)).toEqual(output);
    });
  }
});

interface CameraFixture {
  file: string;
  make?: string;
  model?: string;
  fNumber?: number;
  exposureTimeSeconds?: number;
  shownAperture?: string;
  shownExposure?: string;
}

const cameraFixtures = fileURLToPath(new URL('../../../shared/fixtures/camera/expected.json', import.meta.url));
const haveCameraFixtures = existsSync(cameraFixtures);

describe.skipIf(!haveCameraFixtures)(
  haveCameraFixtures
    ? 'real camera files: aperture and exposure as ExifTool shows them, camera names'
    : `real camera files: skipped, ${cameraFixtures} does not exist on this machine`,
  () => {
    const fixtures = haveCameraFixtures ? (JSON.parse(readFileSync(cameraFixtures, 'utf8')) as CameraFixture[]) : [];
    const shown = fixtures.filter((fixture) => fixture.shownAperture !== undefined || fixture.shownExposure !== undefined);

    test('the fixtures include shown values to compare with', () => {
      expect(shown.length).toBeGreaterThan(0);
    });
    for (const fixture of shown) {
      test(`${fixture.file}: ${fixture.shownAperture}, ${fixture.shownExposure}`, () => {
        expect(formatAperture(fixture.fNumber)).toBe(fixture.shownAperture ?? null);
        expect(formatExposure(fixture.exposureTimeSeconds)).toBe(fixture.shownExposure ?? null);
      });
    }
    const cameraNames: Record<string, string> = {
      'IMG_20180725_163423.jpg': 'Google Pixel',
      'broken1.jpg': 'Canon EOS 30D',
      'canon-dslr.jpg': 'Canon EOS 1300D',
      'img_1771.jpg': 'Canon PowerShot S40',
    };
    for (const fixture of fixtures.filter((candidate) => candidate.model !== undefined)) {
      test(`${fixture.file}: ${JSON.stringify([fixture.make, fixture.model])} → ${cameraNames[fixture.file]}`, () => {
        expect(cameraNames[fixture.file], 'a fixture with a camera model has its name in this table').toBeDefined();
        expect(formatCamera(fixture.make ?? null, fixture.model ?? null)).toBe(cameraNames[fixture.file]);
      });
    }
  },
);
