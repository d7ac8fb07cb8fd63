// The database the CMS uses, for the operations scripts: SQLite through better-sqlite3, PostgreSQL through pg (both
// dependencies of the CMS), the same few calls for both. Settings as in cms/config/database.ts.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fromRoot, repoRoot } from './env.mjs';

const requireFromCms = createRequire(path.join(repoRoot, 'cms', 'package.json'));

/** Which database the settings name: `{ client: 'sqlite', file }` or `{ client: 'postgres', host, port, … }`. */
export function databaseSettings(env = process.env) {
  const client = env.DATABASE_CLIENT || 'sqlite';
  if (client === 'sqlite') return { client, file: fromRoot(env.DATABASE_FILENAME || 'data/plumage.db') };
  if (client !== 'postgres') throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", not "${client}".`);
  return {
    client,
    host: env.DATABASE_HOST || '127.0.0.1',
    port: Number(env.DATABASE_PORT || 5432),
    database: env.DATABASE_NAME || 'plumage',
    user: env.DATABASE_USERNAME || 'plumage',
    password: env.DATABASE_PASSWORD || '',
    ssl: /^(1|true|yes|on)$/i.test(env.DATABASE_SSL || ''),
    schema: env.DATABASE_SCHEMA || 'public',
  };
}

/** The libpq environment (pg_dump, pg_restore, psql) for PostgreSQL settings; the password never on a command line. */
export function libpqEnvironment(settings) {
  return {
    PGHOST: settings.host,
    PGPORT: String(settings.port),
    PGDATABASE: settings.database,
    PGUSER: settings.user,
    PGPASSWORD: settings.password,
    PGSSLMODE: settings.ssl ? 'require' : 'prefer',
    PGOPTIONS: `-c search_path=${settings.schema}`,
  };
}

/** `"name"`: an identifier both SQLite and PostgreSQL read as written. */
export function quoteIdentifier(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

/**
 * An open connection: `query(sql, params)` returns rows, `run(sql, params)` the number of rows changed, `columns(table)`
 * the table's column names (empty when there is no such table). Parameters are written `?` for both databases.
 */
export async function openDatabase(settings, { readonly = true } = {}) {
  if (settings.client === 'sqlite') {
    const Database = requireFromCms('better-sqlite3');
    const db = new Database(settings.file, { readonly, fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    return {
      client: 'sqlite',
      raw: db,
      async query(sql, params = []) {
        return db.prepare(sql).all(...params);
      },
      async run(sql, params = []) {
        return db.prepare(sql).run(...params).changes;
      },
      async columns(table) {
        return new Set(db.pragma(`table_info(${quoteIdentifier(table)})`).map((c) => c.name));
      },
      async close() {
        db.close();
      },
    };
  }
  const { Client } = requireFromCms('pg');
  const client = new Client({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: settings.password,
    ssl: settings.ssl ? { rejectUnauthorized: true } : false,
  });
  await client.connect();
  await client.query(`SET search_path TO ${quoteIdentifier(settings.schema)}`);
  if (readonly) await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
  const numbered = (sql) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    client: 'postgres',
    raw: client,
    async query(sql, params = []) {
      return (await client.query(numbered(sql), params)).rows;
    },
    async run(sql, params = []) {
      return (await client.query(numbered(sql), params)).rowCount ?? 0;
    },
    async columns(table) {
      const rows = (await client.query('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2', [settings.schema, table])).rows;
      return new Set(rows.map((r) => r.column_name));
    },
    async close() {
      await client.end();
    },
  };
}
