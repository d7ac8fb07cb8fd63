import sharp from 'sharp';
import fs from 'node:fs';
import path from 'node:path';
import { perceptualHash } from '/work/wt/birder/cms/src/pipeline/perceptual-hash';
import { hammingDistance } from '/work/wt/birder/cms/src/pipeline/dhash';
const dir = '/work/shared/fixtures/camera';
const files = fs.readdirSync(dir).filter((f) => /\.jpe?g$/i.test(f) && !/broken|RangeError/.test(f));
const tmp = fs.mkdtempSync('/tmp/ph-');
const hashes: Record<string, string> = {};
for (const f of files) { try { hashes[f] = await perceptualHash(path.join(dir, f)); } catch (e) { console.log('skip', f, (e as Error).message); } }
const variantsOf = async (f: string) => {
  const src = path.join(dir, f);
  const meta = await sharp(src).autoOrient().metadata();
  const w = meta.autoOrient.width, h = meta.autoOrient.height;
  const out: Record<string, string> = {};
  const save = async (name: string, img: sharp.Sharp) => { const p = path.join(tmp, `${f}-${name}.jpg`); await img.toFile(p); out[name] = await perceptualHash(p); };
  await save('reexport-q70', sharp(src).autoOrient().jpeg({ quality: 70 }));
  await save('reexport-half-q80', sharp(src).autoOrient().resize(Math.round(w / 2)).jpeg({ quality: 80 }));
  await save('webp-to-jpeg', sharp(await sharp(src).autoOrient().webp({ quality: 60 }).toBuffer()).jpeg());
  await save('brighter', sharp(src).autoOrient().modulate({ brightness: 1.1 }).jpeg());
  for (const pct of [0.03, 0.05, 0.08, 0.1, 0.15]) {
    const dx = Math.round(w * pct), dy = Math.round(h * pct);
    await save(`crop-${pct * 100}%-each-side`, sharp(src).autoOrient().extract({ left: dx, top: dy, width: w - 2 * dx, height: h - 2 * dy }).jpeg());
  }
  const dx = Math.round(w * 0.1);
  await save('crop-10%-left-only', sharp(src).autoOrient().extract({ left: dx, top: 0, width: w - dx, height: h }).jpeg());
  return out;
};
for (const f of ['canon-dslr.jpg', 'img_1771.jpg', 'IMG_20180725_163423.jpg', 'cookiezen.jpg']) {
  if (!hashes[f]) continue;
  const v = await variantsOf(f);
  console.log(f, Object.fromEntries(Object.entries(v).map(([k, h]) => [k, hammingDistance(hashes[f]!, h)])));
}
const names = Object.keys(hashes);
const unrelated: number[] = [];
for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) {
  if (/orient/.test(names[i]!) && /orient/.test(names[j]!)) continue; // the orient-* fixtures are one picture
  unrelated.push(hammingDistance(hashes[names[i]!]!, hashes[names[j]!]!));
}
unrelated.sort((a, b) => a - b);
console.log('unrelated pairs', unrelated.length, 'min', unrelated[0], 'p5', unrelated[Math.floor(unrelated.length * 0.05)], 'median', unrelated[Math.floor(unrelated.length / 2)]);
console.log(unrelated.join(' '));
console.log(hashes);
