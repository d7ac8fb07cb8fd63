import { Fraction } from 'fraction.js';

// Fraction.js also parses repeating decimals ("0.'3'"), mixed numbers ("1 1/3") and more;
// EXIF values are only ever plain decimals or n/d, so anything else is refused before it gets there.
const RATIONAL_PATTERN = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:\/\+?(?:\d+(?:\.\d+)?|\.\d+))?$/;

/** An exact fraction for an EXIF-style value, or null when the value is absent, malformed or divides by zero. */
export function parseRational(value: unknown): Fraction | null {
  try {
    if (typeof value === 'number') {
      return Number.isFinite(value) ? new Fraction(value) : null;
    }
    if (typeof value === 'string') {
      const text = value.trim();
      return RATIONAL_PATTERN.test(text) ? new Fraction(text) : null;
    }
    if (Array.isArray(value) && value.length === 2 && value.every(isScalar)) {
      const numerator = parseRational(value[0]);
      const denominator = parseRational(value[1]);
      return numerator === null || denominator === null ? null : numerator.div(denominator);
    }
  } catch {
    // Fraction.js throws on a zero denominator; that is an absent value, not an error.
  }
  return null;
}

function isScalar(value: unknown): value is number | string {
  return typeof value === 'number' || typeof value === 'string';
}
