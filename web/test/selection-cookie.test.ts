import type { AstroCookies, AstroCookieSetOptions } from 'astro';
import { describe, expect, test } from 'vitest';
import { serializeSelection } from '@plumage/shared';
import {
  cookieOptions,
  NOTICE_COOKIE,
  noticeValue,
  ORDER_COOKIE,
  parseNotice,
  readOrderCookie,
  readSelectionCookie,
  SELECTION_COOKIE,
  takeNoticeCookie,
  writeNoticeCookie,
  writeOrderCookie,
  writeSelectionCookie,
} from '../src/lib/selection-cookie';

/** The parts of AstroCookies the module uses, recording what it was asked to do. */
function fakeCookies(initial: Record<string, string> = {}) {
  const jar = new Map(Object.entries(initial));
  const sets: Array<{ name: string; value: string; options: AstroCookieSetOptions | undefined }> = [];
  const deletes: string[] = [];
  const cookies = {
    get: (name: string) => (jar.has(name) ? { value: jar.get(name) as string } : undefined),
    set: (name: string, value: string, options?: AstroCookieSetOptions) => {
      jar.set(name, value);
      sets.push({ name, value, options });
    },
    delete: (name: string) => {
      jar.delete(name);
      deletes.push(name);
    },
  } as unknown as AstroCookies;
  return { cookies, jar, sets, deletes };
}

const owl2019 = { species: ['owl'], year: 2019, month: null };
const empty = { species: [], year: null, month: null };

describe('reading the selection cookie', () => {
  const cases: Array<{ name: string; value: string | undefined; selection: typeof owl2019 | typeof empty }> = [
    { name: 'absent', value: undefined, selection: empty },
    { name: 'one the site wrote', value: serializeSelection(owl2019), selection: owl2019 },
    { name: 'tampered', value: serializeSelection(owl2019).slice(0, -3) + 'AAA', selection: empty },
    { name: 'truncated', value: serializeSelection(owl2019).slice(0, 10), selection: empty },
    { name: 'another version', value: 'v9.eyJzIjpbXX0', selection: empty },
    { name: 'another site’s', value: 'session=abc; Path=/', selection: empty },
    { name: 'JSON with a script', value: `v1.${btoa('{"s":["<script>"],"y":null,"m":null}')}`, selection: empty },
    { name: 'huge', value: `v1.${'A'.repeat(5000)}`, selection: empty },
    { name: 'empty', value: '', selection: empty },
  ];
  for (const { name, value, selection } of cases) {
    test(name, () => {
      const { cookies } = fakeCookies(value === undefined ? {} : { [SELECTION_COOKIE]: value });
      expect(readSelectionCookie(cookies)).toEqual(selection);
    });
  }
});

describe('writing the selection cookie', () => {
  test('stores a selection HttpOnly, SameSite=Lax, for the whole site', () => {
    const { cookies, sets } = fakeCookies();
    writeSelectionCookie(cookies, owl2019, false);
    expect(sets).toEqual([{ name: SELECTION_COOKIE, value: serializeSelection(owl2019), options: cookieOptions(false) }]);
    expect(sets[0]?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
    expect(sets[0]?.value.length).toBeLessThan(200);
  });

  test('Secure when the site is https', () => {
    const { cookies, sets } = fakeCookies();
    writeSelectionCookie(cookies, owl2019, true);
    expect(sets[0]?.options?.secure).toBe(true);
  });

  test('an empty selection removes the cookie', () => {
    const { cookies, deletes, sets } = fakeCookies({ [SELECTION_COOKIE]: serializeSelection(owl2019) });
    writeSelectionCookie(cookies, empty, false);
    expect(deletes).toEqual([SELECTION_COOKIE]);
    expect(sets).toEqual([]);
  });

  test('round trip', () => {
    const { cookies } = fakeCookies();
    const selection = { species: ['yellow', 'warbler'], year: 2021, month: 4 };
    writeSelectionCookie(cookies, selection, false);
    expect(readSelectionCookie(cookies)).toEqual(selection);
  });
});

describe('the order cookie', () => {
  test.each([
    [undefined, 'newest'],
    ['field-guide', 'field-guide'],
    ['newest', 'newest'],
    ['random', 'newest'],
  ])('%j reads as %s', (value, order) => {
    const { cookies } = fakeCookies(value === undefined ? {} : { [ORDER_COOKIE]: value });
    expect(readOrderCookie(cookies)).toBe(order);
  });

  test('the default order removes the cookie', () => {
    const { cookies, deletes, sets } = fakeCookies();
    writeOrderCookie(cookies, 'field-guide', false);
    writeOrderCookie(cookies, 'newest', false);
    expect(sets.map((set) => set.value)).toEqual(['field-guide']);
    expect(deletes).toEqual([ORDER_COOKIE]);
  });
});

describe('the notice cookie', () => {
  test.each([
    [['species', 'month'], 'rejected:species,month'],
    [['month', 'species'], 'rejected:species,month'],
    [['year'], 'rejected:year'],
  ] as const)('noticeValue(%j) = %s', (fields, value) => expect(noticeValue(fields)).toBe(value));

  test.each([
    ['rejected:species,month', ['species', 'month']],
    ['rejected:year', ['year']],
    ['rejected:<script>', []],
    ['species', []],
    [undefined, []],
    [`rejected:${'species,'.repeat(20)}`, []],
  ])('parseNotice(%j) = %j', (value, fields) => expect(parseNotice(value)).toEqual(fields));

  test('is shown once', () => {
    const { cookies, sets } = fakeCookies();
    writeNoticeCookie(cookies, [], false);
    expect(sets).toEqual([]);
    writeNoticeCookie(cookies, ['year'], false);
    expect(sets[0]).toMatchObject({ name: NOTICE_COOKIE, options: { httpOnly: true, maxAge: 60 } });
    expect(takeNoticeCookie(cookies)).toEqual(['year']);
    expect(takeNoticeCookie(cookies)).toEqual([]);
  });
});
