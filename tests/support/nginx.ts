/**
 * Debian's nginx run by a test, as any user: the shipped site file (config/nginx/plumage.conf) with only its
 * placeholders replaced (ports, paths, certificate), inside a minimal nginx.conf whose pid, logs and temporary
 * folders live in a throwaway prefix. A self-signed certificate for 127.0.0.1 is made with openssl.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import path from 'node:path';
import { freePort, repoRoot } from './cms';
import { tempDir } from './cms-process';

export const NGINX = '/usr/sbin/nginx';
export const SHIPPED_SITE = path.join(repoRoot, 'config', 'nginx', 'plumage.conf');

export interface NginxOptions {
  cmsUrl: string;
  webUrl: string;
  mediaDir: string;
}

export interface RunningNginx {
  httpPort: number;
  httpsPort: number;
  /** The certificate to trust (PEM). */
  ca: Buffer;
  prefix: string;
  /** The site file as nginx runs it. */
  siteFile: string;
  stop(): Promise<void>;
}

/**
 * The shipped site file with its placeholders replaced; throws when one is missing, so a change to the shipped file
 * that the deployment guide does not describe fails the test. IPv6 listeners are left out (a test has only 127.0.0.1).
 */
export function renderSite(shipped: string, values: { httpPort: number; httpsPort: number; cert: string; key: string; mediaDir: string; cms: string; web: string; acmeRoot: string }): string {
  const replacements: Array<[string | RegExp, string]> = [
    [/^\s*listen \[::\]:.*$\n/gm, ''],
    ['listen 80;', `listen 127.0.0.1:${values.httpPort};`],
    ['listen 443 ssl http2;', `listen 127.0.0.1:${values.httpsPort} ssl http2;`],
    ['/etc/letsencrypt/live/birds.example.org/fullchain.pem', values.cert],
    ['/etc/letsencrypt/live/birds.example.org/privkey.pem', values.key],
    ['/srv/plumage/media', values.mediaDir],
    ['127.0.0.1:1337', values.cms],
    ['127.0.0.1:4321', values.web],
    ['/var/www/letsencrypt', values.acmeRoot],
  ];
  let out = shipped;
  for (const [from, to] of replacements) {
    const found = typeof from === 'string' ? out.includes(from) : from.test(out);
    if (!found) throw new Error(`config/nginx/plumage.conf no longer contains ${String(from)}: update the deployment guide and this test`);
    out = typeof from === 'string' ? out.split(from).join(to) : out.replace(from, to);
  }
  return out;
}

export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const prefix = tempDir('plumage-nginx-');
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const cert = path.join(prefix, 'cert.pem');
  const key = path.join(prefix, 'key.pem');
  const made = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);
  const acmeRoot = path.join(prefix, 'acme');
  fs.mkdirSync(acmeRoot);

  const siteFile = path.join(prefix, 'plumage.conf');
  fs.writeFileSync(siteFile, renderSite(fs.readFileSync(SHIPPED_SITE, 'utf8'), {
    httpPort, httpsPort, cert, key, acmeRoot,
    mediaDir: options.mediaDir,
    cms: new URL(options.cmsUrl).host,
    web: new URL(options.webUrl).host,
  }));
  const temp = (name: string) => path.join(prefix, name);
  // As root, nginx's workers would switch to nobody, who cannot read the test's private temporary folders.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), `${user}worker_processes 1;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
daemon off;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${temp('access.log')};
    client_body_temp_path ${temp('body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};
    include ${siteFile};
}
`);
  const args = ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', temp('error.log')];
  const check = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refused the configuration:\n${check.stderr}`);
  const child: ChildProcess = spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}${fs.existsSync(temp('error.log')) ? fs.readFileSync(temp('error.log'), 'utf8') : ''}`);
    const up = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: httpPort, path: '/' }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${httpPort}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    httpPort,
    httpsPort,
    ca: fs.readFileSync(cert),
    prefix,
    siteFile,
    async stop() {
      if (child.exitCode === null) {
        // QUIT: nginx's graceful stop.
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Header lines as sent, to count repeated headers. */
  rawHeaders: string[];
  body: Buffer;
}

/** One request over HTTPS (trusting `ca`) or plain HTTP, from `localAddress` (any 127.x.y.z: a visitor's address). */
export function request(
  target: { port: number; tls?: { ca: Buffer } },
  pathAndQuery: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port: target.port, path: pathAndQuery, method: init.method ?? 'GET', headers: init.headers, localAddress: init.localAddress, agent: false };
    const onResponse = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    };
    const req = target.tls ? https.request({ ...options, ca: target.tls.ca }, onResponse) : http.request(options, onResponse);
    req.on('error', reject);
    req.end(init.body);
  });
}

/** How many times a header appears in an answer. */
export function headerCount(answer: Answer, name: string): number {
  return answer.rawHeaders.filter((value, index) => index % 2 === 0 && value.toLowerCase() === name.toLowerCase()).length;
}
