import type { APIRoute } from 'astro';
import { clearAction } from '../../lib/selection-actions';

/** Empties the selection, then 303 to the gallery. */
export const POST: APIRoute = (context) => clearAction(context);
