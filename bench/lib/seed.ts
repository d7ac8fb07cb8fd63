/**
 * A collection of N photos over M species written straight into a CMS's SQLite database (Strapi made the tables and
 * the app's own indexes at its first start; it is stopped while this runs). Rows as Strapi 5 writes them: a draft and
 * a published row per photo document, datetimes as epoch milliseconds, link rows for both. Seeded: the same
 * collection every run. Going through the REST API would take hours for 100,000 photos; the queries measured
 * afterwards go through the REST API.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from './paths';

const MODIFIERS = [
  'Yellow', 'Black-throated', 'Red-eyed', 'Golden-crowned', 'Grey', 'Rufous', 'Spotted', 'Little', 'Great', 'Lesser',
  'Common', 'Northern', 'Southern', 'Western', 'Eastern', 'Mountain', 'Marsh', 'Wood', 'Sand', 'Rock', 'Olive',
  'Chestnut-sided', 'Blue-winged', 'White-browed', 'Striated', 'Pale', 'Dusky', 'Crested', 'Long-tailed', 'Short-billed',
  'Cinnamon', 'Scarlet', 'Ashy', 'Bar-tailed', 'Collared', 'Slaty', 'Buff-bellied', 'Pied', 'Ruddy', 'Streaked',
  'Tawny', 'Hooded', 'Masked', 'Plain', 'Variable',
];
const GROUPS = [
  'Warbler', 'Sparrow', 'Hawk', 'Owl', 'Thrush', 'Flycatcher', 'Wren', 'Finch', 'Heron', 'Plover', 'Sandpiper', 'Tern',
  'Gull', 'Duck', 'Goose', 'Woodpecker', 'Kingfisher', 'Swallow', 'Swift', 'Pigeon', 'Dove', 'Parrot', 'Cuckoo', 'Eagle',
  'Falcon', 'Kite', 'Shrike', 'Vireo', 'Tanager', 'Bunting', 'Oriole', 'Starling', 'Pipit', 'Lark', 'Babbler', 'Bulbul',
  'Sunbird', 'Tit', 'Nuthatch', 'Treecreeper', 'Grebe', 'Rail', 'Crake', 'Ibis', 'Egret',
];
const FAMILIES = ['Parulidae', 'Passerellidae', 'Accipitridae', 'Strigidae', 'Turdidae', 'Tyrannidae', 'Troglodytidae', 'Fringillidae', 'Ardeidae', 'Charadriidae'];
const PLACES = ['Texel', 'Lauwersmeer', 'Biesbosch', 'Cape May', 'Point Pelee', 'Doñana', 'Camargue', 'Hula Valley', 'Kruger', 'Kakadu'];

/** Words a visitor types that match some species (GROUPS, lower case), for the search part. */
export const SEARCH_WORDS = GROUPS.map((group) => group.toLowerCase());

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
function documentId(random: () => number): string {
  let out = '';
  for (let i = 0; i < 24; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return out;
}

function derivatives(sha: string) {
  const sizes = [
    ['thumb', 400, 267],
    ['display', 1600, 1067],
    ['display2x', 3200, 2133],
  ] as const;
  return sizes.flatMap(([name, width, height]) =>
    (['avif', 'webp', 'jpeg'] as const).map((format) => ({
      name,
      format,
      width,
      height,
      bytes: Math.round(width * height * (format === 'avif' ? 0.08 : format === 'webp' ? 0.15 : 0.18)),
      url: `/media/derivatives/${sha.slice(0, 2)}/${sha}/${name}.${format === 'jpeg' ? 'jpg' : format}`,
    })),
  );
}

export interface SeedResult {
  photos: number;
  species: number;
  photoRows: number;
  linkRows: number;
  ms: number;
  /** documentIds of some published photos, for photo pages. */
  samplePhotoIds: string[];
}

export function seedCollection(databaseFile: string, options: { photos: number; species: number; seed?: number }): SeedResult {
  const started = performance.now();
  const random = prng(options.seed ?? 42);
  const Database = createRequire(path.join(repoRoot, 'cms', 'package.json'))('better-sqlite3');
  const db = new Database(databaseFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const now = Date.now();

  const insertSpecies = db.prepare(
    `INSERT INTO species (document_id, common_name, scientific_name, family, code, taxonomic_order, slug, hide_location, created_at, updated_at, published_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPhoto = db.prepare(
    `INSERT INTO photos (document_id, title, caption, location, taken_at, taken_at_local, taken_year, taken_month, camera, lens,
       f_number, exposure_time, iso, focal_length, focal_length_35_mm, exposure_bias, latitude, longitude, width, height, sha_256,
       derivatives, created_at, updated_at, published_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLink = db.prepare('INSERT INTO photos_species_lnk (photo_id, species_id, species_ord, photo_ord) VALUES (?, ?, ?, ?)');

  const speciesIds: number[] = [];
  const samplePhotoIds: string[] = [];
  let photoRows = 0;
  let linkRows = 0;
  db.transaction(() => {
    for (let i = 0; i < options.species; i++) {
      const name = `${MODIFIERS[i % MODIFIERS.length]} ${GROUPS[Math.floor(i / MODIFIERS.length) % GROUPS.length]}${i >= MODIFIERS.length * GROUPS.length ? ` ${i}` : ''}`;
      const code = name.split(/[ -]/).map((word) => word.slice(0, 2)).join('').slice(0, 4).toUpperCase();
      const info = insertSpecies.run(
        documentId(random), name, `Avis speciosa${i}`, FAMILIES[i % FAMILIES.length], code, i + 1,
        name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), i % 50 === 0 ? 1 : 0, now, now, now,
      );
      speciesIds.push(Number(info.lastInsertRowid));
    }
    // A few species have most photos (a garden's regulars), most have few: weights 1/rank, ranks shuffled.
    const order = speciesIds.map((id) => ({ id, key: random() })).sort((a, b) => a.key - b.key);
    const cumulative: number[] = [];
    let sum = 0;
    order.forEach((_, rank) => cumulative.push((sum += 1 / (rank + 1))));
    const pickSpecies = () => {
      const target = random() * sum;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      return order[lo]!.id;
    };
    const photoOrd = new Map<number, number>();
    const start = Date.UTC(2005, 0, 1);
    const span = Date.UTC(2025, 11, 31) - start;
    for (let i = 0; i < options.photos; i++) {
      const doc = documentId(random);
      const takenAt = start + Math.floor(random() * span);
      const date = new Date(takenAt);
      const sha = crypto.createHash('sha256').update(`${options.seed ?? 42}:${i}`).digest('hex');
      const species = random() < 0.05 ? [pickSpecies(), pickSpecies()].filter((id, index, all) => all.indexOf(id) === index) : [pickSpecies()];
      const values = [
        `Photo ${i + 1}`, random() < 0.3 ? 'Seen from the hide at first light, feeding along the water’s edge.' : null,
        PLACES[i % PLACES.length], takenAt, date.toISOString().slice(0, 19), date.getUTCFullYear(), date.getUTCMonth() + 1,
        'Canon EOS R7', 'RF100-500mm F4.5-7.1 L IS USM', 7.1, 1 / 1600, 800, 500, 800, -1 / 3, 52.4 + random(), 4.9 + random(),
        6000, 4000, sha, JSON.stringify(derivatives(sha)), now, now,
      ];
      for (const publishedAt of [null, now]) {
        const row = Number(insertPhoto.run(doc, ...values, publishedAt).lastInsertRowid);
        photoRows++;
        species.forEach((speciesId, index) => {
          const ord = (photoOrd.get(speciesId) ?? 0) + 1;
          photoOrd.set(speciesId, ord);
          insertLink.run(row, speciesId, index + 1, ord);
          linkRows++;
        });
      }
      if (i % Math.max(1, Math.floor(options.photos / 50)) === 0) samplePhotoIds.push(doc);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  // No ANALYZE: the app never runs it, so the query planner works without statistics here as it does in use.
  db.close();
  return { photos: options.photos, species: options.species, photoRows, linkRows, ms: performance.now() - started, samplePhotoIds };
}
