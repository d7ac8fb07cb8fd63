import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { createCmsClient, CmsError, type CmsClient, type CmsSpecies } from './cms/cms-client';
import { discoverSources, type Discovery, type ImportItem } from './discover-sources';
import { downloadToTemp, readHead, sha256File, sniffImage } from './lib/files';
import { runPool } from './lib/pool';
import { readEmbeddedMetadata } from './metadata/embedded-metadata';
import { planPhotoFields, type PhotoFields } from './photo-fields';
import { createSpeciesCatalog } from './species/species-catalog';
import { createSpeciesRegistry, type SpeciesRegistry } from './species/species-registry';
import { parseTaxonomyCsv, type TaxonRecord } from './species/taxonomy';

export interface ImportOptions {
  /** A folder, an HTML page, an image, or an http(s) URL of a gallery page; null to only apply `taxonomy`. */
  target: string | null;
  url: string;
  /** Null only in a dry run: then nothing in the CMS is looked at and every photo counts as new. */
  token: string | null;
  dryRun?: boolean;
  concurrency?: number;
  createSpecies?: boolean;
  /** Species lists read before the CMS's own: the shipped reference list, then any `--taxonomy`. */
  speciesLists?: string[];
  mode?: 'auto' | 'folder' | 'gallery';
  manifests?: string[];
  logger: Logger;
  /** Told of each photo as it is settled, for a progress display. */
  onProgress?: (progress: ImportProgress) => void;
  /** Asked before each photo: stop taking new ones (Ctrl-C) when it says so. */
  shouldStop?: () => boolean;
}

export type OutcomeStatus = 'imported' | 'already' | 'failed' | 'would-import';

export interface Outcome {
  label: string;
  status: OutcomeStatus;
  /** Why it failed, or which photo it already is. */
  reason?: string;
  documentId?: string;
  species?: string[];
}

export interface ImportProgress {
  total: number;
  done: number;
  counts: Record<OutcomeStatus, number>;
  startedAt: number;
  last?: Outcome;
}

export interface ImportReport {
  mode: Discovery['mode'] | 'taxonomy';
  dryRun: boolean;
  /** True when a dry run had no token: the CMS was not asked what it has. */
  offline: boolean;
  outcomes: Outcome[];
  counts: Record<OutcomeStatus, number>;
  speciesCreated: string[];
  speciesToCreate: string[];
  speciesFilled: string[];
  pagesOrManifests: string[];
  ignoredFiles: number;
  elapsedMs: number;
}

async function readSpeciesLists(files: string[]): Promise<TaxonRecord[][]> {
  const lists: TaxonRecord[][] = [];
  for (const file of files) {
    try {
      lists.push(parseTaxonomyCsv(await fs.readFile(file, 'utf8')));
    } catch (error) {
      throw new Error(`cannot read the species list ${file}: ${(error as Error).message}`);
    }
  }
  return lists;
}

/** The fields sent with the image: what is known, nothing empty (an empty field would erase nothing but says nothing). */
function ingestData(fields: PhotoFields, speciesIds: string[]): Record<string, unknown> {
  const data: Record<string, unknown> = { species: speciesIds };
  for (const key of ['title', 'caption', 'location', 'takenAt', 'takenAtLocal', 'takenYear', 'takenMonth', 'latitude', 'longitude'] as const) {
    if (fields[key] !== null) data[key] = fields[key];
  }
  return data;
}

/**
 * `npm run import`: finds the photos under `target`, skips those whose sha256 the collection
 * already has, and sends each other one through `POST /api/photos/ingest` (file and fields in one
 * call, published), a bounded number at a time. Nothing is written in a dry run. A run killed
 * midway leaves no half-made photo (the CMS stores file and photo together or neither), so the
 * next run simply finds the finished ones by their hash.
 */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const startedAt = Date.now();
  const { logger, dryRun = false } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
  const cms: CmsClient | null = options.token ? createCmsClient({ url: options.url, token: options.token }) : null;
  if (!cms && !dryRun) throw new Error('no API token: give --token or STRAPI_TOKEN (a full-access token, see `npm run token:create`)');

  const catalog = createSpeciesCatalog(...(await readSpeciesLists(options.speciesLists ?? [])));
  const speciesCreated: string[] = [];
  const speciesFilled: string[] = [];
  const speciesToCreate = new Set<string>();
  const registry = createSpeciesRegistry({
    cms,
    catalog,
    createSpecies: options.createSpecies ?? true,
    dryRun,
    onCreated: (species) => {
      speciesCreated.push(species.commonName);
      logger.info({ event: 'species-created', species: species.commonName, documentId: species.documentId }, `created species ${species.commonName}`);
    },
    onFilled: (species, fields) => {
      speciesFilled.push(species.commonName);
      logger.info({ event: dryRun ? 'species-would-fill' : 'species-filled', species: species.commonName, fields }, `${dryRun ? 'would fill' : 'filled'} ${Object.keys(fields).join(', ')} of ${species.commonName}`);
    },
  });

  if (cms) await cms.checkAccess();
  const speciesInCms = await registry.load();
  logger.debug({ event: 'species-loaded', count: speciesInCms, reference: catalog.size }, 'species loaded');

  const counts: Record<OutcomeStatus, number> = { imported: 0, already: 0, failed: 0, 'would-import': 0 };
  const outcomes: Outcome[] = [];
  const report = (mode: ImportReport['mode'], extra: Partial<ImportReport> = {}): ImportReport => ({
    mode,
    dryRun,
    offline: !cms,
    outcomes,
    counts,
    speciesCreated,
    speciesToCreate: [...speciesToCreate],
    speciesFilled,
    pagesOrManifests: [],
    ignoredFiles: 0,
    elapsedMs: Date.now() - startedAt,
    ...extra,
  });

  if (options.target === null) {
    // `--taxonomy FILE` alone: fill the gaps of the species already in the CMS.
    await registry.fillAll();
    return report('taxonomy');
  }

  const discovery = await discoverSources(options.target, { mode: options.mode ?? 'auto', manifests: options.manifests ?? [] });
  logger.info({ event: 'discovered', mode: discovery.mode, photos: discovery.items.length, problems: discovery.problems.length, read: discovery.read }, `found ${discovery.items.length} photos (${discovery.mode})`);
  const existing = cms ? await cms.photoHashes() : new Map<string, string>();
  const total = discovery.items.length + discovery.problems.length;
  const progress: ImportProgress = { total, done: 0, counts, startedAt };

  const settle = (outcome: Outcome) => {
    outcomes.push(outcome);
    counts[outcome.status]++;
    progress.done++;
    progress.last = outcome;
    const fields = { event: outcome.status, file: outcome.label, documentId: outcome.documentId, species: outcome.species, reason: outcome.reason };
    if (outcome.status === 'failed') logger.warn(fields, `failed: ${outcome.label}: ${outcome.reason}`);
    else logger.info(fields, `${outcome.status}: ${outcome.label}`);
    options.onProgress?.({ ...progress });
  };

  for (const problem of discovery.problems) settle({ label: problem.label, status: 'failed', reason: problem.reason });

  // Two files with the same bytes in one import: the second is "already there" as the first.
  const inThisRun = new Map<string, string>();
  await runPool(
    discovery.items,
    concurrency,
    async (item) => settle(await importOne(item, { cms, registry, existing, inThisRun, dryRun, speciesToCreate })),
    options.shouldStop,
  );

  return report(discovery.mode, { pagesOrManifests: discovery.read, ignoredFiles: discovery.ignored });
}

interface ImportOneContext {
  cms: CmsClient | null;
  registry: SpeciesRegistry;
  existing: Map<string, string>;
  inThisRun: Map<string, string>;
  dryRun: boolean;
  speciesToCreate: Set<string>;
}

async function importOne(item: ImportItem, context: ImportOneContext): Promise<Outcome> {
  const base = { label: item.label };
  let local: { file: string; cleanup: () => Promise<void> };
  try {
    local = item.source.kind === 'file' ? { file: item.source.path, cleanup: async () => undefined } : await downloadToTemp(item.source.url, item.fileName);
  } catch (error) {
    return { ...base, status: 'failed', reason: (error as Error).message };
  }
  try {
    return await importFile(item, local.file, context);
  } catch (error) {
    return { ...base, status: 'failed', reason: error instanceof CmsError ? error.message : `${(error as Error).message}` };
  } finally {
    await local.cleanup();
  }
}

async function importFile(item: ImportItem, file: string, { cms, registry, existing, inThisRun, dryRun, speciesToCreate }: ImportOneContext): Promise<Outcome> {
  const base = { label: item.label };
  const sniffed = sniffImage(await readHead(file));
  if (!sniffed.image) return { ...base, status: 'failed', reason: `not an image: the file is ${sniffed.looksLike}` };

  const sha256 = await sha256File(file);
  const known = existing.get(sha256);
  if (known) return { ...base, status: 'already', documentId: known, reason: `already in the collection as ${known}` };
  const twin = inThisRun.get(sha256);
  if (twin) return { ...base, status: 'already', reason: `the same image as ${twin}` };
  inThisRun.set(sha256, item.label);

  const embedded = await readEmbeddedMetadata(file);
  const fields = planPhotoFields(item.hints, embedded, { isKnownSpecies: (name) => registry.isKnown(name) });

  const speciesIds: string[] = [];
  const speciesNames: string[] = [];
  for (const named of fields.species) {
    const resolution = await registry.resolve(named);
    if (resolution.kind === 'refused') {
      return { ...base, status: 'failed', reason: `unknown species "${resolution.name}" (not created: --no-create-species)`, species: [resolution.name] };
    }
    if (resolution.kind === 'would-create') {
      speciesToCreate.add(resolution.commonName);
      speciesNames.push(resolution.commonName);
      continue;
    }
    const species: CmsSpecies = resolution.species;
    if (!speciesIds.includes(species.documentId)) speciesIds.push(species.documentId);
    speciesNames.push(species.commonName);
  }

  if (dryRun || !cms) return { ...base, status: 'would-import', species: speciesNames, reason: describePlan(fields) };

  try {
    const photo = await cms.ingestPhoto({ filePath: file, fileName: item.fileName, mime: sniffed.mime, data: ingestData(fields, speciesIds) });
    existing.set(sha256, photo.documentId);
    return { ...base, status: 'imported', documentId: photo.documentId, species: speciesNames };
  } catch (error) {
    if (error instanceof CmsError && error.duplicateOf) {
      // Another run, or the first attempt of a retried request, got there first.
      return { ...base, status: 'already', documentId: error.duplicateOf, reason: `already in the collection as ${error.duplicateOf}` };
    }
    throw error;
  }
}

/** What a dry run would send, in a few words. */
function describePlan(fields: PhotoFields): string {
  const parts = [
    fields.title && `title "${fields.title}"`,
    fields.location && `at ${fields.location}`,
    fields.takenYear && `taken ${fields.takenMonth ? `${fields.takenYear}-${String(fields.takenMonth).padStart(2, '0')}` : fields.takenYear} (if EXIF has no date)`,
    fields.speciesSource && `species from ${fields.speciesSource}`,
  ].filter(Boolean);
  return parts.join(', ');
}

/** The default species list shipped with the project. */
export function shippedSpeciesList(repoRoot: string): string {
  return path.join(repoRoot, 'config', 'species', 'north-america.csv');
}
