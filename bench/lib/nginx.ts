/**
 * Debian's nginx serving a folder of files on a free loopback port, as the reference for the site's pages: one
 * worker (the site is one Node process), access log off, sendfile on, everything else nginx's defaults.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './servers';

export const NGINX = '/usr/sbin/nginx';

export interface Nginx {
  url: string;
  /** The worker's pid (it does the serving), for its RSS and CPU time. */
  workerPid: number;
  startMs: number;
  stop(): Promise<void>;
}

function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** nginx serving `rootDir` (its files get `text/html` when they end in .html); `workDir` holds its config and temp files. */
export async function startNginx(rootDir: string, workDir: string): Promise<Nginx> {
  if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx (the pages part compares the site with it).`);
  const port = await freePort();
  fs.mkdirSync(path.join(workDir, 'logs'), { recursive: true });
  // The worker drops to nobody when started as root: let it read the pages.
  for (const dir of [workDir, rootDir]) fs.chmodSync(dir, 0o755);
  const config = path.join(workDir, 'nginx.conf');
  fs.writeFileSync(
    config,
    `worker_processes 1;
pid ${path.join(workDir, 'nginx.pid')};
error_log ${path.join(workDir, 'logs', 'error.log')} warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${path.join(workDir, 'body')};
  proxy_temp_path ${path.join(workDir, 'proxy')};
  fastcgi_temp_path ${path.join(workDir, 'fastcgi')};
  uwsgi_temp_path ${path.join(workDir, 'uwsgi')};
  scgi_temp_path ${path.join(workDir, 'scgi')};
  server {
    listen 127.0.0.1:${port};
    root ${rootDir};
  }
}
`,
  );
  const started = performance.now();
  const child: ChildProcess = spawn(NGINX, ['-p', workDir, '-c', config, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start:\n${output}${fs.readFileSync(path.join(workDir, 'logs', 'error.log'), 'utf8')}`);
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (performance.now() - started > 10_000) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not answer within 10 s:\n${output}`);
    }
  }
  const startMs = performance.now() - started;
  const workerPid = childPids(child.pid!)[0];
  if (!workerPid) throw new Error('nginx runs without a worker process');
  return {
    url,
    workerPid,
    startMs,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
