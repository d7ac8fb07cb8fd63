import type { APIRoute } from 'astro';
import { speciesFeed } from '../../../lib/feed-endpoints';

export const GET: APIRoute = ({ params, locals }) => speciesFeed(params.slug, locals.deadline);
