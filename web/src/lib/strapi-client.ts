import fs from 'node:fs';
import type { ResponseCache } from './cache';
import { toQueryString, type StrapiParams } from './strapi-query';

/** Why Strapi could not answer: the site shows its 503 page. */
export type UnavailableReason = 'timeout' | 'network' | 'server-error' | 'unauthorized' | 'malformed';

/** Strapi did not answer in time, could not be reached, failed, or refused the site's token. */
export class StrapiUnavailableError extends Error {
  readonly reason: UnavailableReason;
  constructor(reason: UnavailableReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StrapiUnavailableError';
    this.reason = reason;
  }
}

/** Strapi answered 404: no such document (or not published). */
export class StrapiNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrapiNotFoundError';
  }
}

/** Strapi refused the query itself (a 4xx other than 401/403/404): a bug in the site, not the visitor's doing. */
export class StrapiRequestError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'StrapiRequestError';
    this.status = status;
  }
}

/** Where the read-only API token comes from: STRAPI_TOKEN, else the token file; the file is read again on a 401. */
export interface TokenSource {
  current(): string | null;
  /** Reads the token file again; true when it holds a token other than the current one (worth a retry). */
  refresh(): boolean;
}

/**
 * The token given in the environment, falling back to the file the CMS writes; `refresh` switches to the file's
 * token when it changed (a fresh database makes a new one).
 */
export function tokenSource(envToken: string | null, file: string, readFile: (file: string) => string = readText): TokenSource {
  const fromFile = (): string | null => {
    try {
      const token = readFile(file).trim();
      return token === '' ? null : token;
    } catch {
      return null;
    }
  };
  let token: string | null | undefined = envToken ?? undefined;
  return {
    current() {
      // Until the CMS has written the file (PM2 starts both servers at once on a fresh database), look again each time.
      if (token === undefined || token === null) token = fromFile();
      return token;
    },
    refresh() {
      const fresh = fromFile();
      if (fresh === null || fresh === token) return false;
      token = fresh;
      return true;
    },
  };
}

export interface StrapiClientOptions {
  baseUrl: string;
  token: TokenSource;
  /** Each HTTP request to Strapi gives up after this long. */
  timeoutMs: number;
  cache: ResponseCache<unknown>;
  fetch?: typeof fetch;
  /** Called once per HTTP request actually sent (not for cache hits): for logs and tests. */
  onRequest?: (info: { path: string; status: number | null; durationMs: number }) => void;
}

/** Options of one read. */
export interface ReadOptions {
  /** The page's deadline: the read fails with StrapiUnavailableError('timeout') when it fires. */
  signal?: AbortSignal;
  /** Ask Strapi now, past the cache (a health check must see the database as it is). */
  fresh?: boolean;
}

/** Reads Strapi's REST API through the cache. */
export interface StrapiClient {
  /** GET `path` (built by code, e.g. `/api/photos`) with `params`; the parsed JSON body. */
  get<T>(path: string, params: StrapiParams, options?: ReadOptions): Promise<T>;
  /** Empties the cache (content changed). */
  purge(): void;
}

/**
 * A Strapi client: answers cached by URL, one request at a time per URL, a timeout on every request, the token
 * re-read once on a 401.
 */
export function createStrapiClient(options: StrapiClientOptions): StrapiClient {
  const fetchImpl = options.fetch ?? fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  async function send(path: string, url: string): Promise<unknown> {
    for (let attempt = 0; ; attempt += 1) {
      const token = options.token.current();
      const started = performance.now();
      let response: Response;
      try {
        response = await fetchImpl(url, {
          headers: { Accept: 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        options.onRequest?.({ path, status: null, durationMs: performance.now() - started });
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        throw new StrapiUnavailableError(
          timedOut ? 'timeout' : 'network',
          timedOut ? `Strapi did not answer within ${options.timeoutMs} ms` : 'Strapi could not be reached',
          { cause: error },
        );
      }
      options.onRequest?.({ path, status: response.status, durationMs: performance.now() - started });

      if (response.status === 401 && attempt === 0 && options.token.refresh()) continue;
      if (response.ok) {
        try {
          return await response.json();
        } catch (error) {
          throw new StrapiUnavailableError('malformed', 'Strapi answered with something other than JSON', { cause: error });
        }
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 404) throw new StrapiNotFoundError(`Strapi has no ${path}`);
      if (response.status === 401 || response.status === 403) {
        throw new StrapiUnavailableError('unauthorized', `Strapi refused the site's API token (${response.status})`);
      }
      if (response.status >= 500) throw new StrapiUnavailableError('server-error', `Strapi failed with ${response.status}`);
      throw new StrapiRequestError(response.status, `Strapi refused the query for ${path} (${response.status})`);
    }
  }

  return {
    get<T>(path: string, params: StrapiParams, readOptions: ReadOptions = {}): Promise<T> {
      if (!path.startsWith('/api/')) throw new TypeError(`Not a Strapi REST path: ${path}`);
      const query = toQueryString(params);
      const url = `${baseUrl}${path}${query === '' ? '' : `?${query}`}`;
      const answer = readOptions.fresh ? send(path, url) : options.cache.getOrLoad(url, () => send(path, url));
      return withDeadline(answer, readOptions.signal) as Promise<T>;
    },
    purge() {
      options.cache.clear();
    },
  };
}

function withDeadline<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  const expired = () => new StrapiUnavailableError('timeout', 'Strapi did not answer within the page budget');
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(expired());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(expired());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}
