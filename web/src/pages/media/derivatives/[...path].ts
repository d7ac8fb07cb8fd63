import path from 'node:path';
import type { APIRoute } from 'astro';
import { publicMediaUrl } from '@plumage/shared';
import { isDerivativeRest, serveDerivative } from '../../../lib/media-files';
import { settings } from '../../../lib/settings';

/**
 * Derivative images from MEDIA_DIR/derivatives, cached for a year (their names change with their content). With
 * media in a bucket, pages link the bucket directly; an old link or a script's `derivatives[].url` lands here and
 * is sent on there (permanently: the same path always means the same bytes).
 */
export const GET: APIRoute = ({ params, request }) => {
  const { mediaDir, mediaBaseUrl } = settings();
  if (mediaBaseUrl === null) return serveDerivative(path.join(mediaDir, 'derivatives'), params.path, request.method);
  if (!isDerivativeRest(params.path))
    return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(null, {
    status: 301,
    headers: {
      Location: publicMediaUrl(`/media/derivatives/${params.path}`, mediaBaseUrl),
      'Cache-Control': 'public, max-age=86400',
    },
  });
};

export const HEAD: APIRoute = GET;
