/**
 * The REST calls the importer makes, and only those: what any script with an API token can do.
 * Errors carry the CMS's own sentence (`error.message`) so the summary can say why.
 */

export interface CmsSpecies {
  documentId: string;
  commonName: string;
  scientificName: string | null;
  family: string | null;
  code: string | null;
  /** eBird's species code (`yelwar`), beside the banding code in `code`: a visitor can search by either. */
  ebirdCode?: string | null;
  taxonomicOrder: number | null;
}

export interface CmsPhoto {
  documentId: string;
  sha256: string | null;
  title?: string | null;
}

export class CmsError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CmsError';
  }
  /** The existing photo's documentId when the CMS refused an image it already has. */
  get duplicateOf(): string | null {
    return typeof this.details.duplicateOf === 'string' ? this.details.duplicateOf : null;
  }
}

export interface CmsClientOptions {
  url: string;
  token: string;
  /** Per request; an upload of a large original on a slow link needs minutes. */
  timeoutMs?: number;
  /** Attempts for a request that failed on the network or with 502/503/504. */
  attempts?: number;
}

export interface IngestRequest {
  /** Path of the file on disk; streamed, not read into memory. */
  filePath: string;
  fileName: string;
  mime: string;
  data: Record<string, unknown>;
}

const PAGE_SIZE = 100; // Strapi's maxLimit in cms/config/api.ts

export function createCmsClient({ url, token, timeoutMs = 10 * 60_000, attempts = 3 }: CmsClientOptions) {
  const base = url.replace(/\/+$/, '');

  async function request<T>(method: string, path: string, body?: () => Promise<BodyInit> | BodyInit, json = false): Promise<T> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let res: Response;
      try {
        const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
        if (json) headers['Content-Type'] = 'application/json';
        res = await fetch(`${base}${path}`, { method, headers, body: body ? await body() : undefined, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        // The CMS never saw the request or the answer was lost: try again. A retried ingest that did
        // reach the CMS the first time is answered as a duplicate, which the importer counts as "already there".
        lastError = new CmsError(`cannot reach the CMS at ${base} (${(error as Error).cause ? String(((error as Error).cause as Error).message ?? (error as Error).cause) : (error as Error).message})`, 0);
        if (attempt < attempts) await sleep(500 * 2 ** (attempt - 1));
        continue;
      }
      const text = await res.text();
      let parsed: any = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = null;
      }
      if (res.ok) return parsed as T;
      const message = parsed?.error?.message ?? `${res.status} ${res.statusText}`;
      lastError = new CmsError(message, res.status, parsed?.error?.details ?? {});
      if (![502, 503, 504].includes(res.status) || attempt === attempts) break;
      await sleep(500 * 2 ** (attempt - 1));
    }
    throw lastError;
  }

  async function* pages<T>(path: string, params: URLSearchParams): AsyncGenerator<T[]> {
    for (let page = 1; ; page++) {
      params.set('pagination[page]', String(page));
      params.set('pagination[pageSize]', String(PAGE_SIZE));
      const answer = await request<{ data: T[]; meta?: { pagination?: { pageCount?: number } } }>('GET', `${path}?${params}`);
      yield answer.data;
      const pageCount = answer.meta?.pagination?.pageCount ?? 0;
      if (page >= pageCount || answer.data.length === 0) return;
    }
  }

  return {
    url: base,

    /** Fails with a clear sentence when the URL or the token is wrong, before anything else is tried. */
    async checkAccess(): Promise<void> {
      try {
        await request('GET', '/api/photos?pagination[pageSize]=1&fields[0]=sha256&status=draft');
      } catch (error) {
        if (error instanceof CmsError && (error.status === 401 || error.status === 403)) {
          throw new CmsError(`the CMS at ${base} refused the API token (${error.status}): give a full-access token with --token or STRAPI_TOKEN`, error.status);
        }
        throw error;
      }
    },

    /** sha256 → documentId of every photo in the collection (draft rows exist for every photo). */
    async photoHashes(): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      const params = new URLSearchParams({ status: 'draft', 'fields[0]': 'sha256', sort: 'id:asc' });
      for await (const batch of pages<CmsPhoto>('/api/photos', params)) {
        for (const photo of batch) if (photo.sha256) out.set(photo.sha256, photo.documentId);
      }
      return out;
    },

    async findPhotoBySha256(sha256: string): Promise<CmsPhoto | null> {
      const params = new URLSearchParams({ 'filters[sha256][$eq]': sha256, status: 'draft', 'fields[0]': 'sha256', 'fields[1]': 'title' });
      const answer = await request<{ data: CmsPhoto[] }>('GET', `/api/photos?${params}`);
      return answer.data[0] ?? null;
    },

    async listSpecies(): Promise<CmsSpecies[]> {
      const out: CmsSpecies[] = [];
      const params = new URLSearchParams({ sort: 'id:asc' });
      for await (const batch of pages<CmsSpecies>('/api/species-list', params)) out.push(...batch);
      return out;
    },

    async createSpecies(data: Partial<Omit<CmsSpecies, 'documentId'>> & { commonName: string }): Promise<CmsSpecies> {
      const answer = await request<{ data: CmsSpecies }>('POST', '/api/species-list', () => JSON.stringify({ data }), true);
      return answer.data;
    },

    async updateSpecies(documentId: string, data: Partial<Omit<CmsSpecies, 'documentId'>>): Promise<CmsSpecies> {
      const answer = await request<{ data: CmsSpecies }>('PUT', `/api/species-list/${encodeURIComponent(documentId)}`, () => JSON.stringify({ data }), true);
      return answer.data;
    },

    /** POST /api/photos/ingest: the original and the photo's fields in one call, published. */
    async ingestPhoto({ filePath, fileName, mime, data }: IngestRequest): Promise<CmsPhoto> {
      const body = async () => {
        const { openAsBlob } = await import('node:fs');
        const form = new FormData();
        form.append('file', await openAsBlob(filePath, { type: mime }), fileName);
        form.append('data', JSON.stringify(data));
        return form;
      };
      const answer = await request<{ data: CmsPhoto }>('POST', '/api/photos/ingest?status=published', body);
      return answer.data;
    },
  };
}

export type CmsClient = ReturnType<typeof createCmsClient>;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
