/** vitest globalSetup for the *-pg projects: one PostgreSQL server for the run, its port in the environment. */
import { freePort } from './cms';
import { startPostgres } from './postgres';

export default async function setup(): Promise<() => Promise<void>> {
  const port = await freePort();
  const pg = await startPostgres(port);
  process.env.PLUMAGE_TEST_PG_PORT = String(port);
  return () => pg.stop();
}
