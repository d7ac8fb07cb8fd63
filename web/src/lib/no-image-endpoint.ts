import type { APIRoute } from 'astro';

/** Astro's on-demand image endpoint, switched off: the site serves only the CMS's ready-made derivatives. */
export const GET: APIRoute = () => new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
