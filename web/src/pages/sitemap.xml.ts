import type { APIRoute } from 'astro';
import { siteMap } from '../lib/feed-endpoints';

export const GET: APIRoute = ({ locals }) => siteMap(locals.deadline);
