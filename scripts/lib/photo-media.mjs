// What the database says each photo's files are: the original (through the media library's `files` table) and the
// derivatives listed in the photo row. Column names are read from the database (Strapi writes them snake_case).
import path from 'node:path';

const PHOTO_TYPE = 'api::photo.photo';

function pickColumn(columns, candidates, table) {
  const found = candidates.find((name) => columns.has(name));
  if (!found) throw new Error(`The ${table} table has no ${candidates.join(' or ')} column: is this Plumage's database?`);
  return found;
}

/** A JSON column's value: parsed from SQLite's text, as is from PostgreSQL's jsonb; undefined when it is not JSON. */
export function parseJson(value) {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * A media URL as a path relative to MEDIA_DIR, or null when it does not stay inside it.
 *
 * @example
 * mediaRelPath('/media/derivatives/e9/e94c…/thumb.avif') // 'derivatives/e9/e94c…/thumb.avif'
 * mediaRelPath('/uploads/heron_5faf03b796.jpg') // 'uploads/heron_5faf03b796.jpg'
 */
export function mediaRelPath(url) {
  if (typeof url !== 'string') return null;
  let rel = decodeURIComponent(url.split('?')[0]);
  if (rel.startsWith('/media/')) rel = rel.slice('/media/'.length);
  else if (rel.startsWith('/')) rel = rel.slice(1);
  else return null;
  const normal = path.posix.normalize(rel);
  if (normal !== rel || normal.startsWith('..') || normal === '.' || normal === '') return null;
  return normal;
}

/** Every photo row (drafts and published versions) with the files it names. */
export async function readPhotoMedia(db) {
  const photoColumns = await db.columns('photos');
  if (photoColumns.size === 0) throw new Error('The database has no photos table: is this Plumage\'s database (and has the CMS started on it once)?');
  const sha = pickColumn(photoColumns, ['sha_256', 'sha256'], 'photos');
  const documentId = pickColumn(photoColumns, ['document_id', 'documentId'], 'photos');
  const publishedAt = pickColumn(photoColumns, ['published_at', 'publishedAt'], 'photos');
  const rows = await db.query(
    `SELECT id, "${documentId}" AS document_id, "${publishedAt}" AS published_at, "${sha}" AS sha256, derivatives FROM photos ORDER BY id`,
  );
  const links = await db.query(
    `SELECT m.related_id AS photo_id, f.id AS file_id, f.name, f.url, f.provider, f.formats
       FROM files_related_mph m JOIN files f ON f.id = m.file_id
      WHERE m.related_type = ? AND m.field = ?`,
    [PHOTO_TYPE, 'image'],
  );
  const imageOf = new Map(links.map((l) => [Number(l.photo_id), l]));
  return {
    shaColumn: sha,
    photos: rows.map((row) => {
      const derivatives = parseJson(row.derivatives);
      const link = imageOf.get(Number(row.id));
      const formats = link ? parseJson(link.formats) : null;
      return {
        id: Number(row.id),
        documentId: row.document_id,
        published: row.published_at !== null && row.published_at !== undefined,
        sha256: row.sha256,
        /** undefined: the column holds something that is not JSON. */
        derivatives: derivatives === undefined ? undefined : Array.isArray(derivatives) ? derivatives : derivatives === null ? [] : undefined,
        image: link
          ? {
              fileId: Number(link.file_id),
              name: link.name,
              provider: link.provider,
              url: link.url,
              path: mediaRelPath(link.url),
              formats: formats && typeof formats === 'object' ? Object.entries(formats).map(([name, f]) => ({ name, url: f?.url, path: mediaRelPath(f?.url) })) : [],
            }
          : null,
      };
    }),
  };
}

/** Every media path (relative to MEDIA_DIR) the media library's `files` table names: originals and Strapi's formats. */
export async function readLibraryPaths(db) {
  const rows = await db.query('SELECT url, formats FROM files');
  const paths = new Set();
  for (const row of rows) {
    const rel = mediaRelPath(row.url);
    if (rel) paths.add(rel);
    const formats = parseJson(row.formats);
    if (formats && typeof formats === 'object') for (const f of Object.values(formats)) {
      const p = mediaRelPath(f?.url);
      if (p) paths.add(p);
    }
  }
  return paths;
}
