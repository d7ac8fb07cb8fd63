import path from 'node:path';
import type { APIRoute } from 'astro';
import { serveDerivative } from '../../../lib/media-files';
import { settings } from '../../../lib/settings';

/** Derivative images from MEDIA_DIR/derivatives, cached for a year (their names change with their content). */
export const GET: APIRoute = ({ params, request }) =>
  serveDerivative(path.join(settings().mediaDir, 'derivatives'), params.path, request.method);

export const HEAD: APIRoute = GET;
