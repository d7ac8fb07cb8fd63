import type { APIRoute } from 'astro';
import { removeAction } from '../../lib/selection-actions';

/** Removes one criterion (kind=species&word=…, kind=year, kind=month), then 303 to the gallery. */
export const POST: APIRoute = (context) => removeAction(context);
