import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  MAX_SPECIES_WORDS,
  normaliseSpeciesWord,
  selectionToStrapiFilters,
  validateMonth,
  validateYear,
  type Selection,
} from '@plumage/shared';

const PHOTO = 'api::photo.photo';
const SPECIES = 'api::species.species';

/** The orders the site shows a selection in (web/src/lib/photo-order.ts `sortFor`). */
export type NeighbourOrder = 'newest' | 'field-guide';

export interface NeighboursQuery {
  documentId: string;
  selection: Selection;
  order: NeighbourOrder;
}

/** Where a photo stands in a selection: documentIds and numbers only, nothing else of any photo. */
export interface Neighbours {
  /** 1-based. */
  position: number;
  total: number;
  previous: string | null;
  next: string | null;
}

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The route's input (Strapi's parsed query: `species=a&species=b` and `species[0]=a` are both lists), checked with
 * the selection model the site uses: a clear 400 for anything else, so no visitor text reaches a query unvalidated.
 *
 * @example
 * neighboursQueryFrom('abc', { species: 'Owl', month: '5', order: 'field-guide' })
 * // { documentId: 'abc', selection: { species: ['owl'], year: null, month: 5 }, order: 'field-guide' }
 */
export function neighboursQueryFrom(documentId: unknown, query: Record<string, unknown>): NeighboursQuery {
  if (typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId)) throw new errors.ValidationError('That is not a photo id.');
  const given = query.species === undefined ? [] : Array.isArray(query.species) ? query.species : [query.species];
  if (given.length > MAX_SPECIES_WORDS) throw new errors.ValidationError(`A selection has at most ${MAX_SPECIES_WORDS} species words.`);
  const words: string[] = [];
  for (const raw of given) {
    const word = normaliseSpeciesWord(raw);
    if (word === null) throw new errors.ValidationError(`${JSON.stringify(String(raw)).slice(0, 62)} is not a species word: use letters, digits, spaces, hyphens, apostrophes or periods.`);
    if (!words.includes(word)) words.push(word);
  }
  const text = (name: string) => {
    const value = query[name];
    if (value !== undefined && typeof value !== 'string') throw new errors.ValidationError(`Give ${name} once, as a plain value.`);
    return value;
  };
  const year = text('year');
  const month = text('month');
  const selection: Selection = { species: words, year: validateYear(year), month: validateMonth(month) };
  if (year !== undefined && selection.year === null) throw new errors.ValidationError('The year must be a whole number from 1800 to 2100.');
  if (month !== undefined && selection.month === null) throw new errors.ValidationError('The month must be a whole number from 1 to 12.');
  const order = text('order') ?? 'newest';
  if (order !== 'newest' && order !== 'field-guide') throw new errors.ValidationError('The order must be “newest” or “field-guide”.');
  return { documentId, selection, order };
}

interface SortKey {
  column: string;
  direction: 'asc' | 'desc';
}

/**
 * A photo's position in a selection, its previous and next, all computed by the database: the published photos the
 * selection keeps (each species word first turned into the ids of the species it matches, with the very filter the
 * gallery sends, then found through the link table), compared with the photo on the gallery's sort keys. Null when
 * the photo is not published or not in the selection.
 *
 * The order is Strapi's for `sortFor(order)`, reproduced: newest is `takenAt desc, id desc`; field guide sorts a
 * photo by the first taxonomic order of its species in ascending order (what Strapi's deep sort keeps of a to-many
 * relation: the first row of each photo's partition, and there nulls sort as the database sorts them), then `takenAt desc, id desc`. Missing values sit
 * where the database's own ORDER BY puts them (SQLite: nulls smallest; PostgreSQL: nulls largest), as in the gallery.
 */
export async function photoNeighbours(strapi: Core.Strapi, query: NeighboursQuery): Promise<Neighbours | null> {
  const knex = strapi.db.connection;
  const photos = strapi.db.metadata.get(PHOTO);
  const species = strapi.db.metadata.get(SPECIES);
  const link = (photos.attributes.species as unknown as {
    joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  }).joinTable;
  const column = (meta: typeof photos, attribute: string) => (meta.attributes[attribute] as unknown as { columnName?: string }).columnName ?? attribute;
  const photoId = link.joinColumn.name;
  const speciesId = link.inverseJoinColumn.name;

  // Each word must match some species of the photo (several words may match different species): as the gallery's
  // `$and` of species filters, but the species are looked up once in their small table.
  const wordSpecies: number[][] = [];
  for (const filter of selectionToStrapiFilters(query.selection).$and ?? []) {
    const rows = (await strapi.db.query(SPECIES).findMany({ select: ['id'], where: filter.species })) as Array<{ id: number }>;
    if (rows.length === 0) return null;
    wordSpecies.push(rows.map((row) => row.id));
  }

  const p = (attribute: string) => `p.${column(photos, attribute)}`;
  const fieldGuide = query.order === 'field-guide';
  // Where ORDER BY puts nulls: PostgreSQL sorts them as the largest values, SQLite and MySQL as the smallest.
  const nullsLargest = !['sqlite', 'better-sqlite3', 'mysql', 'mysql2'].includes(strapi.db.dialect.client);
  const selected = () => {
    const builder = knex(`${photos.tableName} as p`).whereNotNull(p('publishedAt'));
    if (query.selection.year !== null) builder.where(p('takenYear'), query.selection.year);
    if (query.selection.month !== null) builder.where(p('takenMonth'), query.selection.month);
    for (const ids of wordSpecies) builder.whereIn('p.id', knex(link.name).select(photoId).whereIn(speciesId, ids));
    const columns: Record<string, unknown> = { id: 'p.id', document_id: p('documentId'), taken_at: p('takenAt') };
    if (fieldGuide) {
      // The first of the photo's species in the database's ascending order: where nulls sort largest, the smallest
      // taxonomic order (null when none has one); where they sort smallest, null as soon as one species lacks it.
      const order = `s.${column(species, 'taxonomicOrder')}`;
      const first = nullsLargest ? knex.raw('min(??)', [order]) : knex.raw('case when count(??) = count(*) then min(??) end', [order, order]);
      columns.first_order = knex(`${link.name} as l`)
        .join(`${species.tableName} as s`, 's.id', `l.${speciesId}`)
        .whereRaw('?? = ??', [`l.${photoId}`, 'p.id'])
        .select(first);
    }
    return builder.select(columns as any);
  };
  const keys: SortKey[] = [
    ...(fieldGuide ? [{ column: 'first_order', direction: 'asc' as const }] : []),
    { column: 'taken_at', direction: 'desc' },
    { column: 'id', direction: 'desc' },
  ];

  const me = await selected().where(p('documentId'), query.documentId).first();
  if (me === undefined) return null;
  // The photo's own keys, as SQL values (null when missing): numbers bound as they are; its takenAt read again by
  // id inside the query, so no datetime makes a round trip through JavaScript. Constant subqueries, evaluated once.
  const own: Record<string, Sql | null> = {
    id: { sql: '?', bindings: [me.id] },
    taken_at: me.taken_at === null ? null : { sql: `(select ?? from ?? where id = ?)`, bindings: [column(photos, 'takenAt'), photos.tableName, me.id] },
    first_order: me.first_order === null || me.first_order === undefined ? null : { sql: '?', bindings: [Number(me.first_order)] },
  };
  const w = () => knex.from(selected().as('w'));
  const before = comesBefore(keys, own, nullsLargest);
  const after = comesBefore(keys.map((key) => ({ ...key, direction: key.direction === 'asc' ? 'desc' : 'asc' })), own, nullsLargest);
  const inOrder = (reverse: boolean) =>
    keys.map((key) => ({ column: `w.${key.column}`, order: (key.direction === 'asc') !== reverse ? 'asc' : 'desc' }));

  const [counts, previous, next] = await Promise.all([
    w().select({ total: knex.raw('count(*)'), before: knex.raw(`count(case when ${before.sql} then 1 end)`, before.bindings) }).first(),
    w().whereRaw(before.sql, before.bindings).orderBy(inOrder(true)).select({ documentId: 'w.document_id' }).first(),
    w().whereRaw(after.sql, after.bindings).orderBy(inOrder(false)).select({ documentId: 'w.document_id' }).first(),
  ]);
  return {
    position: Number(counts.before) + 1,
    total: Number(counts.total),
    previous: previous?.documentId ?? null,
    next: next?.documentId ?? null,
  };
}

interface Sql {
  sql: string;
  bindings: unknown[];
}

/**
 * SQL for "row w comes before the photo" in the order of these keys (the last one unique), with nulls where the
 * database sorts them: a chain of "equal on the earlier keys, strictly before on this one". `own` holds the photo's
 * value of each key as SQL, null when it has none. Column names are ours, never input.
 */
export function comesBefore(keys: readonly SortKey[], own: Record<string, Sql | null>, nullsLargest: boolean): Sql {
  const bindings: unknown[] = [];
  const value = (c: string) => {
    bindings.push(...own[c]!.bindings);
    return own[c]!.sql;
  };
  const equal = (c: string) => (own[c] === null ? `w.${c} is null` : `w.${c} = ${value(c)}`);
  const strictly = ({ column: c, direction }: SortKey) => {
    const op = direction === 'asc' ? '<' : '>';
    // Nulls first in this direction: a null comes before every value; else after every value.
    const nullsFirst = (direction === 'asc') !== nullsLargest;
    if (own[c] === null) return nullsFirst ? '1 = 0' : `w.${c} is not null`;
    return nullsFirst ? `(w.${c} is null or w.${c} ${op} ${value(c)})` : `w.${c} ${op} ${value(c)}`;
  };
  const sql = keys.map((key, index) => `(${[...keys.slice(0, index).map((earlier) => equal(earlier.column)), strictly(key)].join(' and ')})`).join(' or ');
  return { sql: `(${sql})`, bindings };
}
