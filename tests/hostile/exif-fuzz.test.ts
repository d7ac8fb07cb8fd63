/**
 * EXIF fuzzing: the EXIF segment of a camera-like JPEG mutated thousands of times from a fixed seed, each mutant
 * run through the CMS's EXIF step (readExif) and sharp's header read, in a worker thread with a time limit per case.
 * Never an uncaught error, never a hang, always a result (readExif promises never to throw) or a clear error.
 * HOSTILE_SCALE=N runs N times as many cases; HOSTILE_SEED picks another sequence.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTestJpeg } from '../support/images';
import { jpegSegments } from './support/corpus';
import { prng } from './support/prng';
import { createTally } from './support/tally';

const SCALE = Math.max(1, Number(process.env.HOSTILE_SCALE ?? 1));
const CASES = Math.round(4000 * SCALE);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261203);
/** Far above the ~1 ms a case takes, so that a busy machine does not count as a hang. */
const CASE_LIMIT_MS = 5000;

const tally = createTally('exif-fuzz', `seed ${SEED}; readExif + sharp metadata per mutant, ${CASE_LIMIT_MS} ms limit each`);

const INTERESTING_32 = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
const INTERESTING_8 = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff];

/**
 * One mutant of the JPEG: the APP1 (EXIF) payload changed by one to four mutations, most of them aimed at the
 * first 256 bytes where the TIFF header and IFD0's entries (counts, types, offsets) live. The segment's length
 * field is kept right unless a mutation is about the length itself.
 */
function mutate(jpeg: Buffer, app1: { at: number; length: number }, random: ReturnType<typeof prng>): { bytes: Buffer; kinds: string[] } {
  const before = jpeg.subarray(0, app1.at);
  const after = jpeg.subarray(app1.at + 2 + app1.length);
  let payload = Buffer.from(jpeg.subarray(app1.at + 4, app1.at + 2 + app1.length));
  const tiffStart = 6; // after "Exif\0\0"
  const position = () => (random.next() < 0.75 ? tiffStart + random.int(Math.min(256, payload.length - tiffStart)) : random.int(payload.length));
  const kinds: string[] = [];
  let lengthField: number | null = null;
  const rounds = 1 + random.int(4);
  for (let r = 0; r < rounds && payload.length > 8; r++) {
    const kind = random.pick(['flip', 'byte', 'u16', 'u32', 'truncate', 'insert', 'duplicate', 'endianness', 'ifd-count', 'length-field', 'zero-run'] as const);
    kinds.push(kind);
    switch (kind) {
      case 'flip': {
        const at = position();
        payload[at]! ^= 1 << random.int(8);
        break;
      }
      case 'byte':
        payload[position()] = random.pick(INTERESTING_8);
        break;
      case 'u16': {
        const at = Math.min(position(), payload.length - 2);
        payload.writeUInt16LE(random.pick(INTERESTING_32) & 0xffff, at);
        break;
      }
      case 'u32': {
        const at = Math.min(position(), payload.length - 4);
        const value = random.next() < 0.5 ? random.pick(INTERESTING_32) : random.int(payload.length * 2);
        if (random.next() < 0.5) payload.writeUInt32LE(value >>> 0, at);
        else payload.writeUInt32BE(value >>> 0, at);
        break;
      }
      case 'truncate':
        payload = payload.subarray(0, tiffStart + random.int(payload.length - tiffStart));
        break;
      case 'insert': {
        const at = position();
        const junk = Buffer.alloc(1 + random.int(64));
        for (let i = 0; i < junk.length; i++) junk[i] = random.int(256);
        payload = Buffer.concat([payload.subarray(0, at), junk, payload.subarray(at)]).subarray(0, 65_000);
        break;
      }
      case 'duplicate': {
        const from = position();
        const chunk = payload.subarray(from, from + 1 + random.int(128));
        const at = position();
        payload = Buffer.concat([payload.subarray(0, at), chunk, payload.subarray(at)]).subarray(0, 65_000);
        break;
      }
      case 'endianness':
        payload.write(payload.toString('latin1', tiffStart, tiffStart + 2) === 'II' ? 'MM' : 'II', tiffStart, 'latin1');
        break;
      case 'ifd-count': {
        // IFD0 starts where the header's offset says (8 for what sharp writes): its entry count.
        const at = tiffStart + 8;
        if (at + 2 <= payload.length) payload.writeUInt16LE(random.pick([0, 1, 0xff, 0x7fff, 0xffff]), at);
        break;
      }
      case 'length-field':
        lengthField = random.pick([0, 1, 2, 3, payload.length + 2 + 1 + random.int(100), 0xffff]);
        break;
      case 'zero-run': {
        const at = position();
        payload.fill(random.pick(INTERESTING_8), at, Math.min(payload.length, at + 1 + random.int(32)));
        break;
      }
    }
  }
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(lengthField ?? Math.min(0xffff, payload.length + 2), 2);
  return { bytes: Buffer.concat([before, head, payload, after]), kinds };
}

/** A worker that can be replaced when a case hangs or kills it. */
class ExifRunner {
  private worker!: Worker;
  private pending: ((answer: any) => void) | null = null;
  restarts = 0;

  constructor() {
    this.start();
  }

  private start(): void {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'exif-worker.mjs');
    this.worker = new Worker(file);
    this.worker.on('message', (answer) => this.pending?.(answer));
    this.worker.on('error', (error) => this.pending?.({ crashed: String(error) }));
    this.worker.on('exit', (code) => this.pending?.({ crashed: `worker exited with ${code}` }));
  }

  async run(id: number, bytes: Buffer, limitMs: number): Promise<any> {
    const answer = await new Promise<any>((resolve) => {
      const timer = setTimeout(() => resolve({ hung: true }), limitMs);
      this.pending = (value) => {
        clearTimeout(timer);
        resolve(value);
      };
      this.worker.postMessage({ id, bytes });
    });
    this.pending = null;
    if (answer.hung || answer.crashed) {
      this.restarts++;
      this.worker.removeAllListeners();
      await this.worker.terminate();
      this.start();
    }
    return answer;
  }

  stop(): Promise<number> {
    this.worker.removeAllListeners();
    return this.worker.terminate();
  }
}

const FIELDS = ['camera', 'lens', 'fNumber', 'exposureTime', 'iso', 'focalLength', 'focalLength35mm', 'exposureBias', 'takenAt', 'takenAtLocal', 'takenYear', 'takenMonth', 'latitude', 'longitude', 'orientation'];

/** What is wrong with readExif's answer, if anything: every field present, of its type, within sense. */
function exifProblems(exif: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const field of FIELDS) if (!(field in exif)) problems.push(`${field} missing`);
  for (const field of ['camera', 'lens', 'takenAt', 'takenAtLocal']) {
    const value = exif[field];
    if (value !== null && (typeof value !== 'string' || value.length > 200 || /[\u0000-\u001f]/.test(value))) problems.push(`${field} = ${JSON.stringify(value).slice(0, 80)}`);
  }
  for (const field of ['fNumber', 'exposureTime', 'iso', 'focalLength', 'focalLength35mm', 'exposureBias', 'latitude', 'longitude', 'takenYear', 'takenMonth']) {
    const value = exif[field];
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) problems.push(`${field} = ${String(value)}`);
  }
  const { latitude, longitude, takenMonth, orientation } = exif as Record<string, number | null>;
  if (latitude != null && Math.abs(latitude) > 90) problems.push(`latitude ${latitude}`);
  if (longitude != null && Math.abs(longitude) > 180) problems.push(`longitude ${longitude}`);
  if (takenMonth != null && (takenMonth < 1 || takenMonth > 12)) problems.push(`takenMonth ${takenMonth}`);
  if (!(typeof orientation === 'number' && orientation >= 1 && orientation <= 8)) problems.push(`orientation ${orientation}`);
  if (typeof exif.takenAt === 'string' && Number.isNaN(Date.parse(exif.takenAt))) problems.push(`takenAt ${exif.takenAt} is no date`);
  return problems;
}

let runner: ExifRunner;
let base: Buffer;

beforeAll(async () => {
  runner = new ExifRunner();
  base = await makeTestJpeg({
    width: 160,
    height: 120,
    seed: 7,
    exif: {
      make: 'Canon',
      model: 'Canon EOS R7',
      lens: 'RF100-500mm F4.5-7.1 L IS USM',
      dateTimeOriginal: '2021:04:12 07:31:05',
      offsetTimeOriginal: '-04:00',
      fNumber: '63/10',
      exposureTime: '1/500',
      iso: 800,
      focalLength: '400/1',
      exposureBias: '-2/3',
      orientation: 6,
      gps: { lat: 41.6301, lon: -83.1942 },
    },
  });
});

afterAll(async () => {
  tally.row.note += `; ${runner?.restarts ?? 0} worker restarts`;
  tally.save();
  await runner?.stop();
});

describe('EXIF fuzzing', () => {
  test('the unmutated file reads as the camera wrote it (the fuzzer starts from real EXIF)', async () => {
    const answer = await runner.run(0, base, CASE_LIMIT_MS);
    expect(answer.exif).toMatchObject({ camera: 'Canon EOS R7', fNumber: 6.3, iso: 800, takenYear: 2021, orientation: 6 });
    expect(answer.metadata).toMatchObject({ format: 'jpeg', width: 160, height: 120 });
  });

  test(`${CASES} mutants from seed ${SEED}: always a result or a clear error, never a hang or a crash`, async () => {
    const app1 = jpegSegments(base).find((segment) => segment.marker === 0xe1);
    expect(app1, 'the base JPEG has an EXIF segment').toBeDefined();
    const random = prng(SEED);
    const failures: string[] = [];
    const outcomes = { exifRead: 0, exifEmpty: 0, headerRead: 0, headerRefused: 0 };
    for (let id = 1; id <= CASES; id++) {
      const { bytes, kinds } = mutate(base, app1!, random);
      const answer = await runner.run(id, bytes, CASE_LIMIT_MS);
      const problems: string[] = [];
      if (answer.hung) problems.push(`no answer within ${CASE_LIMIT_MS} ms`);
      else if (answer.crashed) problems.push(`the worker crashed: ${answer.crashed}`);
      else {
        if (answer.exifError) problems.push(`readExif threw ${answer.exifError.name}: ${answer.exifError.message}`);
        else {
          problems.push(...exifProblems(answer.exif));
          if (answer.exif.camera === null && answer.exif.iso === null) outcomes.exifEmpty++;
          else outcomes.exifRead++;
        }
        // sharp may refuse a mangled header; it must say so with an Error that has a message.
        if (answer.metadataError) {
          if (!answer.metadataError.message) problems.push('sharp refused without a message');
          outcomes.headerRefused++;
        } else outcomes.headerRead++;
      }
      tally.count(problems.length === 0);
      if (problems.length && failures.length < 20) failures.push(`case ${id} (${kinds.join('+')}): ${problems.join('; ')}`);
    }
    tally.row.note += `; EXIF read ${outcomes.exifRead}, read as absent ${outcomes.exifEmpty}; header read ${outcomes.headerRead}, refused ${outcomes.headerRefused}`;
    expect(failures).toEqual([]);
    // The mutants are not all harmless, nor all destroyed: both outcomes happen, so the fuzzer reaches the parser.
    expect(outcomes.exifRead).toBeGreaterThan(CASES / 20);
    expect(outcomes.exifEmpty).toBeGreaterThan(CASES / 20);
  });
});
