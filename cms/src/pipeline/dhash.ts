/** A dHash reads a 9×8 greyscale picture: 8 comparisons per row, 8 rows, 64 bits. */
export const DHASH_WIDTH = 9;
export const DHASH_HEIGHT = 8;

/**
 * The 64-bit difference hash of a 9×8 greyscale picture (row-major, one byte per pixel), as 16 lowercase hex
 * digits: bit i (most significant first) is set when pixel x of row y is brighter than pixel x+1. It survives
 * re-encoding, resizing and small crops, which move brightness gradients little.
 *
 * @example
 * dHash(new Uint8Array(72)) // '0000000000000000' (flat grey: nothing brighter than its neighbour)
 */
export function dHash(grey: ArrayLike<number>): string {
  if (grey.length !== DHASH_WIDTH * DHASH_HEIGHT) throw new RangeError(`dHash needs ${DHASH_WIDTH}×${DHASH_HEIGHT} = 72 greyscale pixels, got ${grey.length}`);
  let hex = '';
  for (let y = 0; y < DHASH_HEIGHT; y += 1) {
    let byte = 0;
    for (let x = 0; x < DHASH_WIDTH - 1; x += 1) {
      const left = grey[y * DHASH_WIDTH + x]!;
      const right = grey[y * DHASH_WIDTH + x + 1]!;
      byte = (byte << 1) | (left > right ? 1 : 0);
    }
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

const PHASH = /^[0-9a-f]{16}$/;

/**
 * Whether a value is a stored perceptual hash (16 lowercase hex digits).
 *
 * @example
 * isPerceptualHash('f0e1d2c3b4a59687') // true
 * isPerceptualHash('F0E1') // false
 */
export function isPerceptualHash(value: unknown): value is string {
  return typeof value === 'string' && PHASH.test(value);
}

/**
 * How many of the 64 bits two hashes differ in (0: the same picture to the hash's eye; 32: unrelated on average).
 *
 * @example
 * hammingDistance('0000000000000000', '000000000000000f') // 4
 * hammingDistance('ffffffffffffffff', '0000000000000000') // 64
 */
export function hammingDistance(a: string, b: string): number {
  if (!isPerceptualHash(a) || !isPerceptualHash(b)) throw new TypeError('hammingDistance takes two 16-digit lowercase hex hashes');
  const [aHigh, aLow] = halves(a);
  const [bHigh, bLow] = halves(b);
  return popcount32(aHigh ^ bHigh) + popcount32(aLow ^ bLow);
}

/**
 * The candidate nearest to `hash` within `threshold` bits (ties: the first given), or null when none is that near.
 * Candidates whose hash is not 16 lowercase hex digits are passed over. 100,000 candidates take a few milliseconds.
 *
 * @example
 * nearestLookAlike('0000000000000000', [{ id: 'a', phash: 'ff00000000000000' }, { id: 'b', phash: '0000000000000003' }], 10)
 * // { candidate: { id: 'b', … }, distance: 2 }
 */
export function nearestLookAlike<T extends { phash: string | null }>(
  hash: string,
  candidates: readonly T[],
  threshold: number,
): { candidate: T; distance: number } | null {
  if (!isPerceptualHash(hash)) throw new TypeError('nearestLookAlike takes a 16-digit lowercase hex hash');
  const [high, low] = halves(hash);
  let best: { candidate: T; distance: number } | null = null;
  for (const candidate of candidates) {
    const other = candidate.phash;
    if (typeof other !== 'string' || other.length !== 16) continue;
    const [otherHigh, otherLow] = halves(other);
    // parseInt stops at the first character that is not hex: NaN or a short read means not a hash.
    if (Number.isNaN(otherHigh) || Number.isNaN(otherLow) || !PHASH.test(other)) continue;
    const distance = popcount32(high ^ otherHigh) + popcount32(low ^ otherLow);
    if (distance <= threshold && (best === null || distance < best.distance)) best = { candidate, distance };
  }
  return best;
}

/** The two 32-bit halves of a 16-digit hex hash. */
function halves(hash: string): [number, number] {
  return [Number.parseInt(hash.slice(0, 8), 16), Number.parseInt(hash.slice(8), 16)];
}

/** Set bits of a 32-bit integer (SWAR). */
function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
