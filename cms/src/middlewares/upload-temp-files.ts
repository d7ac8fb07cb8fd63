import { rm } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';

interface IncomingFile {
  filepath?: string;
}

/** Every temporary file koa-body wrote for this request, whatever the multipart field was called. */
function temporaryFiles(files: Record<string, IncomingFile | IncomingFile[] | undefined> | undefined): string[] {
  if (!files) return [];
  return Object.values(files)
    .flatMap((value) => (Array.isArray(value) ? value : value ? [value] : []))
    .map((file) => file.filepath)
    .filter((filepath): filepath is string => typeof filepath === 'string');
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/**
 * Sits before `strapi::body`. Strapi's body middleware removes the temporary files of the multipart field `files`
 * only, and only when the request succeeds: every refused upload (and every POST /api/photos/ingest, whose field is
 * `file`) left its bytes in the temporary folder, forever. This removes them all once the request has ended, however
 * it ended. It also turns the body middleware's bare "FileTooBig" into a sentence.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: any, next: () => Promise<unknown>) => {
    try {
      await next();
    } finally {
      const leftovers = temporaryFiles(ctx.request?.files);
      if (leftovers.length) {
        await Promise.all(leftovers.map((filepath) => rm(filepath, { force: true }).catch((error: Error) => strapi.log.warn(`Could not remove ${filepath}: ${error.message}`))));
      }
    }
    if (ctx.status === 413 && ctx.body?.error?.message === 'FileTooBig') {
      const limit = Number(process.env.UPLOAD_MAX_BYTES) || 100 * 1024 * 1024;
      ctx.body.error.message = `This file is larger than the upload limit of ${megabytes(limit)}; nothing was stored.`;
    }
  };
