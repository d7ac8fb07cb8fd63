/**
 * A throwaway PostgreSQL server on loopback (Debian's postgresql package), for running the CMS
 * tests on PostgreSQL as well as SQLite. One server per test run (vitest globalSetup); each
 * CMS started in a test gets a database of its own.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function postgresAvailable(): boolean {
  return fs.existsSync(path.join(PG_BIN, 'initdb'));
}

function asPostgres(command: string, args: string[]): string[] {
  // initdb and postgres refuse to run as root: drop to the postgres user when we are root.
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', command, ...args] : [command, ...args];
}

export interface RunningPostgres {
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export async function startPostgres(port: number): Promise<RunningPostgres> {
  if (!postgresAvailable()) throw new Error(`PostgreSQL is not installed (${PG_BIN}): apt-get install -y postgresql`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-pg-'));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const [cmd, ...args] = asPostgres(path.join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  execFileSync(cmd!, args, { stdio: 'ignore' });
  const [pgCmd, ...pgArgs] = asPostgres(path.join(PG_BIN, 'postgres'), [
    '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
    // A test database: durability off for speed.
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
  ]);
  const server: ChildProcess = spawn(pgCmd!, pgArgs, { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      execFileSync(path.join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    port,
    dir,
    async stop() {
      const exited = server.exitCode !== null || server.signalCode !== null ? Promise.resolve() : new Promise((r) => server.once('exit', r));
      // runuser does not pass SIGINT on (the server would outlive the tests): signal the postmaster itself, whose
      // pid is the first line of postmaster.pid. SIGINT is PostgreSQL's fast shutdown (clients are disconnected).
      try {
        process.kill(Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGINT');
      } catch {
        server.kill('SIGINT');
      }
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty database on the running test server. */
export function createDatabase(port: number, name: string): void {
  execFileSync(path.join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name], { stdio: 'ignore' });
}
