import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseExifDateTime, toNumber, type ExifDateTime, type RationalInput } from '../src/index.js';

describe('parseExifDateTime from EXIF strings', () => {
  const cases: Array<{ input: [string | null | undefined, (string | null)?]; output: ExifDateTime | null }> = [
    {
      input: ['2019:10:26 16:07:24', '+02:00'],
      output: { local: '2019-10-26T16:07:24+02:00', utc: '2019-10-26T14:07:24.000Z', year: 2019, month: 10 },
    },
    {
      input: ['2019:10:26 16:07:24'],
      output: { local: '2019-10-26T16:07:24', utc: '2019-10-26T16:07:24.000Z', year: 2019, month: 10 },
    },
    {
      input: ['2019:05:12 07:31:05', '-04:00'],
      output: { local: '2019-05-12T07:31:05-04:00', utc: '2019-05-12T11:31:05.000Z', year: 2019, month: 5 },
    },
    {
      // The wall-clock month, not the UTC one: 23:30 on 31 May in New York is already June in UTC.
      input: ['2019:05:31 23:30:00', '-04:00'],
      output: { local: '2019-05-31T23:30:00-04:00', utc: '2019-06-01T03:30:00.000Z', year: 2019, month: 5 },
    },
    {
      input: ['2020:01:01 00:15:00', '+05:45'],
      output: { local: '2020-01-01T00:15:00+05:45', utc: '2019-12-31T18:30:00.000Z', year: 2020, month: 1 },
    },
    {
      input: ['2020:07:23 11:32:20+00:00'],
      output: { local: '2020-07-23T11:32:20+00:00', utc: '2020-07-23T11:32:20.000Z', year: 2020, month: 7 },
    },
    {
      input: ['2020:07:23 11:32:20+01:00', '-04:00'],
      output: { local: '2020-07-23T11:32:20+01:00', utc: '2020-07-23T10:32:20.000Z', year: 2020, month: 7 },
    },
    {
      input: ['2019-10-26T16:07:24.52-0230'],
      output: { local: '2019-10-26T16:07:24-02:30', utc: '2019-10-26T18:37:24.000Z', year: 2019, month: 10 },
    },
    {
      input: [' 2003:12:14 12:01:44\n', 'Z'],
      output: { local: '2003-12-14T12:01:44+00:00', utc: '2003-12-14T12:01:44.000Z', year: 2003, month: 12 },
    },
    {
      input: ['2007:08:15 10:13:13', '   :  '],
      output: { local: '2007-08-15T10:13:13', utc: '2007-08-15T10:13:13.000Z', year: 2007, month: 8 },
    },
    {
      input: ['2024:02:29 12:00:00', '+15:00'],
      output: { local: '2024-02-29T12:00:00', utc: '2024-02-29T12:00:00.000Z', year: 2024, month: 2 },
    },
    { input: ['0000:00:00 00:00:00'], output: null },
    { input: ['    :  :     :  :  '], output: null },
    { input: [''], output: null },
    { input: [null], output: null },
    { input: [undefined], output: null },
    { input: ['2019:13:01 10:00:00'], output: null },
    { input: ['2019:02:29 10:00:00'], output: null },
    { input: ['2019:04:31 10:00:00'], output: null },
    { input: ['2019:10:26 24:00:00'], output: null },
    { input: ['2019:10:26 16:60:00'], output: null },
    { input: ['2019:10:26 16:07:24+99:00'], output: null },
    { input: ['1799:12:31 23:59:59'], output: null },
    { input: ['2101:01:01 00:00:00'], output: null },
    { input: ['2019:10:26'], output: null },
    { input: ['26/10/2019 16:07'], output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(parseExifDateTime(...input)).toEqual(output);
    });
  }
});

describe('parseExifDateTime from the Date objects exifr revives', () => {
  // What exifr 7 does with DateTimeOriginal under its default `reviveValues: true`.
  function exifrRevivedDate(text: string): Date {
    const [year = 0, month = 0, day = 0, hours = 0, minutes = 0, seconds = 0] = text.split(/[-: ]/g).map(Number);
    const date = new Date(year, month - 1, day);
    date.setHours(hours);
    date.setMinutes(minutes);
    date.setSeconds(seconds);
    return date;
  }

  const cases: Array<{ input: [string, string?]; output: ExifDateTime }> = [
    {
      input: ['2019:10:26 16:07:24', '+02:00'],
      output: { local: '2019-10-26T16:07:24+02:00', utc: '2019-10-26T14:07:24.000Z', year: 2019, month: 10 },
    },
    {
      input: ['2018:07:25 16:34:23'],
      output: { local: '2018-07-25T16:34:23', utc: '2018-07-25T16:34:23.000Z', year: 2018, month: 7 },
    },
    {
      input: ['2019:12:31 23:59:59', '-05:00'],
      output: { local: '2019-12-31T23:59:59-05:00', utc: '2020-01-01T04:59:59.000Z', year: 2019, month: 12 },
    },
  ];
  const originalZone = process.env.TZ;
  afterAll(() => {
    if (originalZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalZone;
  });

  for (const zone of ['Pacific/Chatham', 'America/St_Johns', 'UTC']) {
    describe(`TZ=${zone}`, () => {
      beforeAll(() => {
        process.env.TZ = zone;
      });
      for (const { input, output } of cases) {
        test(`${JSON.stringify(input)} → ${output.local}`, () => {
          expect(parseExifDateTime(exifrRevivedDate(input[0]), input[1])).toEqual(output);
        });
      }
      test('an invalid Date → null', () => {
        expect(parseExifDateTime(new Date(Number.NaN))).toBeNull();
      });
    });
  }
});

describe('toNumber', () => {
  const cases: Array<{ input: RationalInput | unknown[]; output: number | null }> = [
    { input: [63, 10], output: 6.3 },
    { input: '63/10', output: 6.3 },
    { input: 6.3, output: 6.3 },
    { input: '6.3', output: 6.3 },
    { input: ' 6.3 ', output: 6.3 },
    { input: '1/500', output: 0.002 },
    { input: ['1', '500'], output: 0.002 },
    { input: '-2/3', output: -2 / 3 },
    { input: [-1, 3], output: -1 / 3 },
    { input: '0', output: 0 },
    { input: 0, output: 0 },
    { input: 50.2996027777778, output: 50.2996027777778 },
    { input: '.5', output: 0.5 },
    { input: '1/0', output: null },
    { input: [0, 0], output: null },
    { input: [1], output: null },
    { input: [1, 2, 3], output: null },
    { input: [[1, 2], 3], output: null },
    { input: '', output: null },
    { input: '   ', output: null },
    { input: 'abc', output: null },
    { input: '1 1/3', output: null },
    { input: "0.'3'", output: null },
    { input: '6.3mm', output: null },
    { input: Number.NaN, output: null },
    { input: Number.POSITIVE_INFINITY, output: null },
    { input: null, output: null },
    { input: undefined, output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(toNumber(input as RationalInput)).toBe(output);
    });
  }
});

interface CameraFixture {
  file: string;
  dateTimeOriginal?: string;
}

const cameraFixtures = fileURLToPath(new URL('../../../shared/fixtures/camera/expected.json', import.meta.url));
const haveCameraFixtures = existsSync(cameraFixtures);

describe.skipIf(!haveCameraFixtures)(
  haveCameraFixtures
    ? 'real camera files: DateTimeOriginal'
    : `real camera files: skipped, ${cameraFixtures} does not exist on this machine`,
  () => {
    const fixtures = haveCameraFixtures ? (JSON.parse(readFileSync(cameraFixtures, 'utf8')) as CameraFixture[]) : [];
    for (const fixture of fixtures.filter((candidate) => candidate.dateTimeOriginal !== undefined)) {
      test(`${fixture.file}: ${fixture.dateTimeOriginal}`, () => {
        const text = fixture.dateTimeOriginal ?? '';
        const parsed = parseExifDateTime(text);
        expect(parsed).not.toBeNull();
        // The local form keeps the digits the camera wrote, only the separators change.
        expect(parsed?.local.replace(/[-:T]/g, ' ').slice(0, 19)).toBe(text.replace(/:/g, ' ').slice(0, 19));
        expect(parsed?.year).toBe(Number(text.slice(0, 4)));
        expect(parsed?.month).toBe(Number(text.slice(5, 7)));
      });
    }
  },
);
