import type { APIRoute } from 'astro';
import { narrowAction } from '../../lib/selection-actions';

/** Narrows the selection by the form's species, year and month, then 303 to the gallery. */
export const POST: APIRoute = (context) => narrowAction(context);
