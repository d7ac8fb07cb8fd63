import type { APIRoute } from 'astro';
import { checkHealth } from '../lib/health';
import { strapi } from '../lib/strapi';

/** `GET /healthz`: 200 JSON when Strapi and its database answer, 503 JSON when not; never cached. */
export const GET: APIRoute = async () => {
  const { status, body } = await checkHealth(strapi());
  return new Response(`${JSON.stringify(body)}\n`, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
};
