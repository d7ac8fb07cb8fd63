/** A value that can appear in a Strapi REST query: nested objects and arrays of strings, numbers and booleans. */
export type QueryValue = string | number | boolean | null | undefined | readonly QueryValue[] | object;

/** The parameters of a Strapi 5 REST `find` the site makes; every one is built by code, never taken from a visitor. */
export interface StrapiParams {
  filters?: QueryValue;
  fields?: readonly string[];
  populate?: QueryValue;
  sort?: readonly string[];
  pagination?: { page: number; pageSize: number; withCount?: boolean };
  status?: 'published' | 'draft';
  /** GET /api/photos/:documentId/neighbours: the selection and order (the CMS checks them again). */
  species?: readonly string[];
  year?: number;
  month?: number;
  order?: 'newest' | 'field-guide';
}

/**
 * A Strapi REST query string (without `?`) in qs's bracket style, every key and value percent-encoded by
 * URLSearchParams: nothing in a value can add a parameter or change a key. `null`/`undefined` are left out.
 *
 * @example
 * toQueryString({ filters: { takenYear: { $eq: 2019 } }, sort: ['takenAt:desc'] })
 * // 'filters%5BtakenYear%5D%5B%24eq%5D=2019&sort%5B0%5D=takenAt%3Adesc'
 * toQueryString({ filters: { title: { $eq: 'a&b=c' } } })
 * // 'filters%5Btitle%5D%5B%24eq%5D=a%26b%3Dc'
 */
export function toQueryString(params: StrapiParams | Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) appendValue(search, key, value);
  return search.toString();
}

// Attribute names, operators ($eq, $containsi) and list indexes: never brackets, which would make new keys.
const KEY_PATTERN = /^[A-Za-z0-9_$-]+$/;

function appendValue(search: URLSearchParams, key: string, value: unknown): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index: number) => appendValue(search, `${key}[${index}]`, item));
    return;
  }
  if (typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) {
      if (!KEY_PATTERN.test(name)) throw new TypeError(`Not a Strapi query key: ${JSON.stringify(name)}`);
      appendValue(search, `${key}[${name}]`, item);
    }
    return;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`Not a finite number for ${key}`);
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new TypeError(`Not a query value for ${key}: ${typeof value}`);
  }
  search.append(key, String(value));
}
