import type { APIRoute } from 'astro';
import { siteFeed } from '../lib/feed-endpoints';

export const GET: APIRoute = ({ locals }) => siteFeed(locals.deadline);
