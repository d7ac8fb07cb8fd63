import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { DEMO_PLACES, DEMO_SPECIES, type DemoPlace, type DemoSpecies } from './demo-species';
import { drawBirdSvg, seededRandom } from './draw-bird';

/** A camera body with the lens it is used with; crop factor for the 35 mm equivalent. */
interface Kit {
  make: string;
  model: string;
  lens: string;
  focal: [number, number];
  /** Widest aperture at the short and long ends. */
  aperture: [number, number];
  crop: number;
}

// Real bodies and bird lenses, all within 100–600 mm.
const KITS: Kit[] = [
  { make: 'Canon', model: 'Canon EOS R5', lens: 'RF100-500mm F4.5-7.1 L IS USM', focal: [100, 500], aperture: [4.5, 7.1], crop: 1 },
  { make: 'Canon', model: 'Canon EOS-1D X Mark III', lens: 'EF500mm f/4L IS II USM', focal: [500, 500], aperture: [4, 4], crop: 1 },
  { make: 'Canon', model: 'Canon EOS 7D Mark II', lens: 'EF100-400mm f/4.5-5.6L IS II USM', focal: [100, 400], aperture: [4.5, 5.6], crop: 1.6 },
  { make: 'NIKON CORPORATION', model: 'NIKON Z 9', lens: 'NIKKOR Z 180-600mm f/5.6-6.3 VR', focal: [180, 600], aperture: [5.6, 6.3], crop: 1 },
  { make: 'NIKON CORPORATION', model: 'NIKON D500', lens: 'AF-S NIKKOR 200-500mm f/5.6E ED VR', focal: [200, 500], aperture: [5.6, 5.6], crop: 1.5 },
  { make: 'SONY', model: 'ILCE-1', lens: 'FE 200-600mm F5.6-6.3 G OSS', focal: [200, 600], aperture: [5.6, 6.3], crop: 1 },
  { make: 'OM Digital Solutions', model: 'OM-1', lens: 'M.Zuiko Digital ED 150-400mm F4.5 TC1.25x IS PRO', focal: [150, 400], aperture: [4.5, 4.5], crop: 2 },
  { make: 'FUJIFILM', model: 'X-H2S', lens: 'XF150-600mmF5.6-8 R LM OIS WR', focal: [150, 600], aperture: [5.6, 8], crop: 1.5 },
];

// Whole and third stops from f/4 to f/8, as EXIF rationals.
const F_STOPS: Array<[number, string]> = [[4, '4/1'], [4.5, '9/2'], [5, '5/1'], [5.6, '28/5'], [6.3, '63/10'], [7.1, '71/10'], [8, '8/1']];
const SHUTTER = [250, 320, 400, 500, 640, 800, 1000, 1250, 1600, 2000, 2500, 3200, 4000];
const ISO = [100, 200, 320, 400, 640, 800, 1250, 1600, 2500, 3200, 6400];
const BIAS = ['-1/1', '-2/3', '-1/3', '0/1', '1/3', '2/3'];
const NOTES = [
  'Singing at first light',
  'Foraging low in the willows',
  'A brief pause between feeding runs',
  'Backlit by the low morning sun',
  'After a night of heavy migration',
  'Photographed from the boardwalk',
  'Calling from an open perch',
  'Preening after a rain shower',
];

export interface DemoPhoto {
  /** Path below the demo folder: "Yellow Warbler/yellow-warbler-01.jpg". */
  file: string;
  seed: number;
  species: DemoSpecies;
  place: DemoPlace;
  title: string;
  caption: string | null;
  exif: {
    IFD0: Record<string, string>;
    IFD2: Record<string, string>;
    IFD3: Record<string, string>;
  };
  /** For tests and the summary: wall clock and offset as written. */
  dateTimeOriginal: string;
  offsetTimeOriginal: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The n-th Sunday (1-based) of a month, as a day of the month. */
function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}

/** US and Canadian daylight time (since 2007): second Sunday of March to first Sunday of November. */
export function isDaylightTime(year: number, month: number, day: number): boolean {
  if (month < 3 || month > 11) return false;
  if (month > 3 && month < 11) return true;
  return month === 3 ? day >= nthSunday(year, 3, 2) : day < nthSunday(year, 11, 1);
}

function dms(value: number): string {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 10000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

/**
 * The demo collection, decided before anything is drawn: which species, where, when and with
 * which camera each photo was "taken". Deterministic: the same count gives the same photos, so a
 * second `npm run demo` finds them all already there.
 */
export function planDemoCollection(count = 60): DemoPhoto[] {
  const photos: DemoPhoto[] = [];
  const perSpecies = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const species = DEMO_SPECIES[i % DEMO_SPECIES.length]!;
    const round = Math.floor(i / DEMO_SPECIES.length);
    const rng = seededRandom(7919 * (i + 1));
    const sighting = species.seen[round % species.seen.length]!;
    const place = DEMO_PLACES[sighting.place]!;
    const year = 2016 + Math.floor(rng() * 9);
    const month = sighting.months[Math.floor(rng() * sighting.months.length)]!;
    const day = 1 + Math.floor(rng() * 28);
    const hour = 6 + Math.floor(rng() * (species.shape === 'owl' || species.shape === 'raptor' ? 8 : 5));
    const minute = Math.floor(rng() * 60);
    const second = Math.floor(rng() * 60);
    const offsetHours = place.standardOffset + (place.observesDst && isDaylightTime(year, month, day) ? 1 : 0);
    const offset = `${offsetHours < 0 ? '-' : '+'}${pad(Math.abs(offsetHours))}:00`;

    const kit = KITS[Math.floor(rng() * KITS.length)]!;
    const focalSteps = Math.max(1, Math.round((kit.focal[1] - kit.focal[0]) / 10));
    const focal = kit.focal[0] + 10 * Math.floor(rng() * (focalSteps + 1));
    const widest = kit.aperture[0] + ((kit.aperture[1] - kit.aperture[0]) * (focal - kit.focal[0])) / Math.max(1, kit.focal[1] - kit.focal[0]);
    const stops = F_STOPS.filter(([f]) => f >= widest - 0.05);
    const [, fNumber] = stops[Math.floor(rng() * Math.min(stops.length, 3))]!;
    const shutter = SHUTTER[Math.floor(rng() * SHUTTER.length)]!;
    const iso = ISO[Math.floor(rng() * ISO.length)]!;
    const bias = BIAS[Math.floor(rng() * BIAS.length)]!;
    const n = (perSpecies.get(species.commonName) ?? 0) + 1;
    perSpecies.set(species.commonName, n);
    // A little scatter around the place's coordinates, as from different spots on the same trail.
    const latitude = place.latitude + (rng() - 0.5) * 0.01;
    const longitude = place.longitude + (rng() - 0.5) * 0.01;
    const dateTimeOriginal = `${year}:${pad(month)}:${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;

    photos.push({
      file: `${species.commonName}/${slug(species.commonName)}-${pad(n)}.jpg`,
      seed: 100_000 + i * 37,
      species,
      place,
      title: species.commonName,
      caption: rng() < 0.4 ? NOTES[Math.floor(rng() * NOTES.length)]! : null,
      exif: {
        IFD0: { Make: kit.make, Model: kit.model, Artist: 'Plumage demo' },
        IFD2: {
          DateTimeOriginal: dateTimeOriginal,
          OffsetTimeOriginal: offset,
          FNumber: fNumber,
          ExposureTime: `1/${shutter}`,
          ISOSpeedRatings: String(iso),
          FocalLength: `${focal}/1`,
          FocalLengthIn35mmFilm: String(Math.round(focal * kit.crop)),
          ExposureBiasValue: bias,
          LensModel: kit.lens,
        },
        IFD3: {
          GPSLatitudeRef: latitude >= 0 ? 'N' : 'S',
          GPSLatitude: dms(latitude),
          GPSLongitudeRef: longitude >= 0 ? 'E' : 'W',
          GPSLongitude: dms(longitude),
        },
      },
      dateTimeOriginal,
      offsetTimeOriginal: offset,
    });
  }
  return photos;
}

const csvCell = (value: string | null) => (value === null ? '' : /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The manifest the importer reads: species, title, place and note of each photo. */
export function demoManifestCsv(photos: DemoPhoto[]): string {
  const rows = photos.map((p) => [p.file, p.species.commonName, p.title, p.place.name, p.caption].map(csvCell).join(','));
  return `file,species,title,location,caption\n${rows.join('\n')}\n`;
}

/** Version of what is drawn and written: a change makes `npm run demo` draw the collection again. */
export const DEMO_VERSION = 'plumage-demo-1';

/** One photo: the drawing rendered at 1600×1067 and saved as a JPEG with its EXIF. */
export async function renderDemoPhoto(photo: DemoPhoto): Promise<Buffer> {
  return sharp(Buffer.from(drawBirdSvg(photo.species, photo.seed)))
    .withExif(photo.exif)
    .jpeg({ quality: 84 })
    .toBuffer();
}

/**
 * Writes the demo collection into `dir` (photos in a folder per species, and manifest.csv), or
 * keeps what an earlier run wrote when it is complete and of this version.
 */
export async function writeDemoCollection(dir: string, count = 60): Promise<{ photos: DemoPhoto[]; written: boolean }> {
  const photos = planDemoCollection(count);
  const stamp = path.join(dir, '.demo-version');
  const want = `${DEMO_VERSION} ${count}\n`;
  if ((await fs.readFile(stamp, 'utf8').catch(() => '')) === want) return { photos, written: false };
  await fs.rm(dir, { recursive: true, force: true });
  for (const photo of photos) {
    const target = path.join(dir, photo.file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, await renderDemoPhoto(photo));
  }
  await fs.writeFile(path.join(dir, 'manifest.csv'), demoManifestCsv(photos));
  await fs.writeFile(stamp, want);
  return { photos, written: true };
}
