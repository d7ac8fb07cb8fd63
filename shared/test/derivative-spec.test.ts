import { describe, expect, test } from 'vitest';
import {
  DERIVATIVE_FORMATS,
  DERIVATIVE_SIZES,
  derivativeExtension,
  derivativeRelPath,
  derivativeUrl,
  isSha256,
  pickDerivative,
  pickDerivatives,
  planDerivatives,
  srcsetFor,
  type Derivative,
  type DerivativeFormat,
  type DerivativeName,
  type PlannedDerivative,
} from '../src/index.js';

const SHA = 'e94c132f6a87e2d94f72d41e31afe07aad9300a4a7b40a34c97e19a1cb359185';

describe('the derivative plan', () => {
  test('sizes and formats', () => {
    expect(DERIVATIVE_SIZES.map(({ name, longEdge }) => [name, longEdge])).toEqual([
      ['thumb', 400],
      ['display', 1600],
      ['display2x', 3200],
    ]);
    expect(DERIVATIVE_FORMATS).toEqual(['avif', 'webp', 'jpeg']);
    expect(Object.isFrozen(DERIVATIVE_SIZES) && Object.isFrozen(DERIVATIVE_SIZES[0])).toBe(true);
  });
});

describe('planDerivatives', () => {
  const size = (name: DerivativeName, longEdge: number, width: number, height: number): PlannedDerivative => ({
    name,
    longEdge,
    width,
    height,
  });
  // Short edges as sharp 0.35 gives them for fit: 'inside' with withoutEnlargement (checked against sharp itself).
  const cases: Array<{ input: [number, number]; output: PlannedDerivative[] }> = [
    {
      input: [5184, 3456],
      output: [size('thumb', 400, 400, 267), size('display', 1600, 1600, 1067), size('display2x', 3200, 3200, 2133)],
    },
    {
      input: [4048, 3036],
      output: [size('thumb', 400, 400, 300), size('display', 1600, 1600, 1200), size('display2x', 3200, 3200, 2400)],
    },
    { input: [600, 900], output: [size('thumb', 400, 267, 400), size('display', 900, 600, 900)] },
    { input: [480, 360], output: [size('thumb', 400, 400, 300), size('display', 480, 480, 360)] },
    { input: [1680, 945], output: [size('thumb', 400, 400, 225), size('display', 1600, 1600, 900)] },
    { input: [300, 200], output: [size('thumb', 300, 300, 200), size('display', 300, 300, 200)] },
    { input: [48, 80], output: [size('thumb', 80, 48, 80), size('display', 80, 48, 80)] },
    { input: [2000, 1500], output: [size('thumb', 400, 400, 300), size('display', 1600, 1600, 1200)] },
    {
      input: [2001, 1333],
      output: [size('thumb', 400, 400, 266), size('display', 1600, 1600, 1066), size('display2x', 2001, 2001, 1333)],
    },
    {
      input: [1333, 2001],
      output: [size('thumb', 400, 266, 400), size('display', 1600, 1066, 1600), size('display2x', 2001, 1333, 2001)],
    },
    {
      input: [3000, 3000],
      output: [size('thumb', 400, 400, 400), size('display', 1600, 1600, 1600), size('display2x', 3000, 3000, 3000)],
    },
    // Halves round up, as libvips does (not to even).
    { input: [800, 401], output: [size('thumb', 400, 400, 201), size('display', 800, 800, 401)] },
    {
      input: [3200, 1601],
      output: [size('thumb', 400, 400, 200), size('display', 1600, 1600, 801), size('display2x', 3200, 3200, 1601)],
    },
    // A short edge never rounds away to nothing.
    {
      input: [6000, 1],
      output: [size('thumb', 400, 400, 1), size('display', 1600, 1600, 1), size('display2x', 3200, 3200, 1)],
    },
    { input: [1, 1], output: [size('thumb', 1, 1, 1), size('display', 1, 1, 1)] },
  ];
  for (const { input, output } of cases) {
    test(`${input[0]}×${input[1]}`, () => {
      expect(planDerivatives(...input)).toEqual(output);
    });
  }

  const invalid: Array<[number, number]> = [
    [0, 100],
    [100, -1],
    [100.5, 100],
    [Number.NaN, 100],
    [100, Number.POSITIVE_INFINITY],
  ];
  for (const input of invalid) {
    test(`${input[0]}×${input[1]} throws a RangeError`, () => {
      expect(() => planDerivatives(...input)).toThrow(RangeError);
    });
  }
});

describe('derivativeRelPath and derivativeUrl', () => {
  const cases: Array<{ input: [string, DerivativeName, DerivativeFormat]; output: string }> = [
    { input: [SHA, 'thumb', 'avif'], output: `derivatives/e9/${SHA}/thumb.avif` },
    { input: [SHA, 'display', 'webp'], output: `derivatives/e9/${SHA}/display.webp` },
    { input: [SHA, 'display2x', 'jpeg'], output: `derivatives/e9/${SHA}/display2x.jpg` },
    { input: ['0'.repeat(64), 'thumb', 'jpeg'], output: `derivatives/00/${'0'.repeat(64)}/thumb.jpg` },
  ];
  for (const { input, output } of cases) {
    test(`${input.join(', ')} → ${output}`, () => {
      expect(derivativeRelPath(...input)).toBe(output);
      expect(derivativeUrl(...input)).toBe(`/media/${output}`);
    });
  }

  const invalid: Array<[string, string, string]> = [
    [SHA.toUpperCase(), 'thumb', 'avif'],
    [SHA.slice(1), 'thumb', 'avif'],
    [`../${SHA.slice(3)}`, 'thumb', 'avif'],
    ['', 'thumb', 'avif'],
    [SHA, 'huge', 'avif'],
    [SHA, '../thumb', 'avif'],
    [SHA, 'thumb', 'png'],
    [SHA, 'thumb', 'jpg'],
  ];
  for (const input of invalid) {
    test(`${JSON.stringify(input)} throws a TypeError`, () => {
      const [sha256, name, format] = input as [string, DerivativeName, DerivativeFormat];
      expect(() => derivativeRelPath(sha256, name, format)).toThrow(TypeError);
      expect(() => derivativeUrl(sha256, name, format)).toThrow(TypeError);
    });
  }
});

describe('isSha256', () => {
  const cases: Array<{ input: unknown; output: boolean }> = [
    { input: SHA, output: true },
    { input: SHA.toUpperCase(), output: false },
    { input: `${SHA}0`, output: false },
    { input: SHA.replace('e', 'g'), output: false },
    { input: null, output: false },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${output}`, () => {
      expect(isSha256(input)).toBe(output);
    });
  }
});

describe('derivativeExtension', () => {
  const cases: Array<{ input: DerivativeFormat; output: string }> = [
    { input: 'avif', output: 'avif' },
    { input: 'webp', output: 'webp' },
    { input: 'jpeg', output: 'jpg' },
  ];
  for (const { input, output } of cases) {
    test(`${input} → ${output}`, () => {
      expect(derivativeExtension(input)).toBe(output);
    });
  }
});

function derivative(name: DerivativeName, format: DerivativeFormat, width: number, height: number): Derivative {
  return { name, format, width, height, bytes: width * 10, url: derivativeUrl(SHA, name, format) };
}

// Stored out of order on purpose: the helpers must not rely on the order the pipeline wrote.
const landscape: Derivative[] = [
  derivative('display2x', 'jpeg', 3200, 2133),
  derivative('thumb', 'jpeg', 400, 267),
  derivative('display', 'webp', 1600, 1067),
  derivative('thumb', 'webp', 400, 267),
  derivative('display', 'avif', 1600, 1067),
  derivative('display', 'jpeg', 1600, 1067),
  derivative('thumb', 'avif', 400, 267),
  derivative('display2x', 'avif', 3200, 2133),
  derivative('display2x', 'webp', 3200, 2133),
];
// A 300×200 original: thumb and display came out the same size.
const small: Derivative[] = [
  derivative('thumb', 'avif', 300, 200),
  derivative('display', 'avif', 300, 200),
  derivative('thumb', 'jpeg', 300, 200),
  derivative('display', 'jpeg', 300, 200),
];
const url = (name: DerivativeName, format: DerivativeFormat): string => derivativeUrl(SHA, name, format);

describe('pickDerivatives', () => {
  const cases: Array<{ input: [Derivative[] | null | undefined, DerivativeName]; output: string[] }> = [
    { input: [landscape, 'thumb'], output: [url('thumb', 'avif'), url('thumb', 'webp'), url('thumb', 'jpeg')] },
    {
      input: [landscape, 'display2x'],
      output: [url('display2x', 'avif'), url('display2x', 'webp'), url('display2x', 'jpeg')],
    },
    { input: [small, 'display2x'], output: [] },
    { input: [null, 'thumb'], output: [] },
    { input: [undefined, 'thumb'], output: [] },
  ];
  for (const { input, output } of cases) {
    test(`${input[1]} of ${input[0]?.length ?? 'no'} derivatives`, () => {
      expect(pickDerivatives(...input).map((picked) => picked.url)).toEqual(output);
    });
  }
});

describe('pickDerivative', () => {
  const cases: Array<{ input: [Derivative[] | null, DerivativeName, DerivativeFormat]; output: string | null }> = [
    { input: [landscape, 'display', 'jpeg'], output: url('display', 'jpeg') },
    { input: [landscape, 'thumb', 'avif'], output: url('thumb', 'avif') },
    { input: [small, 'display2x', 'jpeg'], output: null },
    { input: [small, 'thumb', 'webp'], output: null },
    { input: [null, 'thumb', 'jpeg'], output: null },
  ];
  for (const { input, output } of cases) {
    test(`${input[1]}.${input[2]} → ${output}`, () => {
      expect(pickDerivative(...input)?.url ?? null).toBe(output);
    });
  }
});

describe('srcsetFor', () => {
  const cases: Array<{ input: [Derivative[] | null, DerivativeFormat, DerivativeName[]?]; output: string }> = [
    {
      input: [landscape, 'avif', ['display', 'display2x']],
      output: `${url('display', 'avif')} 1600w, ${url('display2x', 'avif')} 3200w`,
    },
    {
      input: [landscape, 'jpeg'],
      output: `${url('thumb', 'jpeg')} 400w, ${url('display', 'jpeg')} 1600w, ${url('display2x', 'jpeg')} 3200w`,
    },
    { input: [landscape, 'webp', ['thumb']], output: `${url('thumb', 'webp')} 400w` },
    { input: [small, 'avif'], output: `${url('thumb', 'avif')} 300w` },
    { input: [small, 'webp'], output: '' },
    { input: [null, 'avif'], output: '' },
  ];
  for (const { input, output } of cases) {
    test(`${input[1]} ${JSON.stringify(input[2] ?? 'all sizes')}`, () => {
      expect(srcsetFor(...input)).toBe(output);
    });
  }
});
