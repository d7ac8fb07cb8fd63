import { databaseFile } from '../src/lib/paths';

export default ({ env }: { env: any }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          host: env('DATABASE_HOST', '127.0.0.1'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'plumage'),
          user: env('DATABASE_USERNAME', 'plumage'),
          password: env('DATABASE_PASSWORD', ''),
          ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } : false,
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 5) },
      },
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    };
  }
  if (client !== 'sqlite') throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", not "${client}".`);
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: databaseFile() },
      useNullAsDefault: true,
      pool: {
        afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          try {
            // WAL: readers (the site) never wait for the writer (an upload), and online backups work.
            conn.pragma('journal_mode = WAL');
            // NORMAL is durable against a crash of the process in WAL mode and loses at most the
            // last transactions on a power cut; FULL would fsync every commit on a small VM's disk.
            conn.pragma('synchronous = NORMAL');
            // Wait for a lock instead of failing with SQLITE_BUSY when a backup or second process holds it.
            conn.pragma('busy_timeout = 5000');
            done(null, conn);
          } catch (error) {
            done(error as Error, conn);
          }
        },
      },
    },
  };
};
