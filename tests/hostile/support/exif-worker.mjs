// Runs the CMS's EXIF step (cms/dist: readExif) and the header read that inspectImage starts with (sharp's
// metadata()) on the bytes it is sent, in a worker thread, so that the test can time each case out and survive a hang
// or a crash of either.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const { readExif } = require('../../../cms/dist/src/pipeline/exif.js');
const sharp = require('sharp');
sharp.cache(false);
sharp.concurrency(1);

parentPort.on('message', async ({ id, bytes }) => {
  const buffer = Buffer.from(bytes);
  const answer = { id, exif: null, exifError: null, metadata: null, metadataError: null };
  try {
    answer.exif = await readExif(buffer);
  } catch (error) {
    answer.exifError = { name: error?.name ?? typeof error, message: String(error?.message ?? error) };
  }
  try {
    const { format, width, height, orientation } = await sharp(buffer, { limitInputPixels: false }).metadata();
    answer.metadata = { format, width, height, orientation: orientation ?? null };
  } catch (error) {
    answer.metadataError = { name: error?.name ?? typeof error, message: String(error?.message ?? error) };
  }
  parentPort.postMessage(answer);
});
