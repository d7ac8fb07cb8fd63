/**
 * Debian's nginx, Caddy and Apache run by a test, as any user: the shipped configuration (config/nginx/plumage.conf,
 * config/caddy/Caddyfile, config/apache/plumage.conf) with only its placeholders replaced (ports, paths, certificate),
 * inside a minimal main configuration whose pid, logs and temporary files live in a throwaway prefix. A self-signed
 * certificate for 127.0.0.1 is made with openssl.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import path from 'node:path';
import { freePort, repoRoot } from './cms';
import { tempDir } from './cms-process';

export type ProxyKind = 'nginx' | 'caddy' | 'apache';

/** Each proxy's binary and shipped configuration. */
export const PROXIES: Record<ProxyKind, { binary: string; shipped: string }> = {
  nginx: { binary: '/usr/sbin/nginx', shipped: path.join(repoRoot, 'config', 'nginx', 'plumage.conf') },
  caddy: { binary: '/usr/bin/caddy', shipped: path.join(repoRoot, 'config', 'caddy', 'Caddyfile') },
  apache: { binary: '/usr/sbin/apache2', shipped: path.join(repoRoot, 'config', 'apache', 'plumage.conf') },
};

export interface ProxyOptions {
  cmsUrl: string;
  webUrl: string;
  mediaDir: string;
}

export interface RunningProxy {
  httpPort: number;
  httpsPort: number;
  /** The certificate to trust (PEM). */
  ca: Buffer;
  prefix: string;
  /** The shipped file as the proxy runs it. */
  siteFile: string;
  stop(): Promise<void>;
}

interface Placeholders {
  httpPort: number;
  httpsPort: number;
  cert: string;
  key: string;
  mediaDir: string;
  cms: string;
  web: string;
  acmeRoot: string;
}

/** What each proxy's shipped file has that a test must change: listeners, certificate, paths, upstreams. */
function replacementsFor(kind: ProxyKind, v: Placeholders): Array<[string | RegExp, string]> {
  const common: Array<[string | RegExp, string]> = [
    ['/srv/plumage/media', v.mediaDir],
    ['127.0.0.1:1337', v.cms],
    ['127.0.0.1:4321', v.web],
  ];
  if (kind === 'nginx') {
    return [
      // IPv6 listeners are left out: a test has only 127.0.0.1.
      [/^\s*listen \[::\]:.*$\n/gm, ''],
      ['listen 80;', `listen 127.0.0.1:${v.httpPort};`],
      ['listen 443 ssl http2;', `listen 127.0.0.1:${v.httpsPort} ssl http2;`],
      ['/etc/letsencrypt/live/birds.example.org/fullchain.pem', v.cert],
      ['/etc/letsencrypt/live/birds.example.org/privkey.pem', v.key],
      ['/var/www/letsencrypt', v.acmeRoot],
      ...common,
    ];
  }
  if (kind === 'apache') {
    return [
      ['<VirtualHost *:80>', `<VirtualHost 127.0.0.1:${v.httpPort}>`],
      ['<VirtualHost *:443>', `<VirtualHost 127.0.0.1:${v.httpsPort}>`],
      ['/etc/letsencrypt/live/birds.example.org/fullchain.pem', v.cert],
      ['/etc/letsencrypt/live/birds.example.org/privkey.pem', v.key],
      ['/var/www/letsencrypt', v.acmeRoot],
      ...common,
    ];
  }
  // Caddy gets its certificate from Let's Encrypt for the domain; here, the throwaway one for 127.0.0.1.
  return [['birds.example.org {', `127.0.0.1 {\n\ttls ${v.cert} ${v.key}`], ...common];
}

/**
 * The shipped file with its placeholders replaced; throws when one is missing, so a change to the shipped file that
 * the deployment guide does not describe fails the test.
 */
export function renderShipped(kind: ProxyKind, shipped: string, values: Placeholders): string {
  let out = shipped;
  for (const [from, to] of replacementsFor(kind, values)) {
    const found = typeof from === 'string' ? out.includes(from) : from.test(out);
    if (!found) throw new Error(`${path.relative(repoRoot, PROXIES[kind].shipped)} no longer contains ${String(from)}: update the deployment guide and this test`);
    out = typeof from === 'string' ? out.split(from).join(to) : out.replace(from, to);
  }
  return out;
}

/** The main configuration around the shipped file, and the command that runs the proxy in the foreground. */
function mainConfig(kind: ProxyKind, prefix: string, siteFile: string, v: Placeholders): { file: string; text: string; args: string[]; check: string[]; env?: Record<string, string> } {
  const temp = (name: string) => path.join(prefix, name);
  const root = process.getuid?.() === 0;
  if (kind === 'nginx') {
    const file = temp('nginx.conf');
    const args = ['-p', prefix, '-c', file, '-e', temp('error.log')];
    // As root, nginx's workers would switch to nobody, who cannot read the test's private temporary folders.
    const text = `${root ? 'user root;\n' : ''}worker_processes 1;
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
`;
    return { file, text, args, check: [...args, '-t'] };
  }
  if (kind === 'apache') {
    const file = temp('httpd.conf');
    const modules = ['mpm_event', 'authz_core', 'mime', 'alias', 'rewrite', 'headers', 'deflate', 'filter', 'proxy', 'proxy_http', 'ssl', 'socache_shmcb', 'http2'];
    const text = `${modules.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}
ServerName 127.0.0.1
PidFile ${temp('apache.pid')}
DefaultRuntimeDir ${prefix}
Mutex file:${prefix} default
ErrorLog ${temp('error.log')}
LogLevel warn
${root ? 'User www-data\nGroup www-data\n' : ''}TypesConfig /etc/mime.types
Listen 127.0.0.1:${v.httpPort}
Listen 127.0.0.1:${v.httpsPort}
Include ${siteFile}
`;
    return { file, text, args: ['-f', file, '-DFOREGROUND'], check: ['-f', file, '-t'] };
  }
  const file = temp('Caddyfile');
  const text = `{
\tadmin off
\thttp_port ${v.httpPort}
\thttps_port ${v.httpsPort}
\tdefault_bind 127.0.0.1
\tstorage file_system ${temp('caddy-data')}
\tskip_install_trust
}

import ${siteFile}
`;
  const env = { XDG_DATA_HOME: temp('xdg-data'), XDG_CONFIG_HOME: temp('xdg-config'), HOME: prefix };
  return { file, text, args: ['run', '--config', file, '--adapter', 'caddyfile'], check: ['validate', '--config', file, '--adapter', 'caddyfile'], env };
}

export async function startProxy(kind: ProxyKind, options: ProxyOptions): Promise<RunningProxy> {
  const prefix = tempDir(`plumage-${kind}-`);
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

  const values: Placeholders = {
    httpPort, httpsPort, cert, key, acmeRoot,
    mediaDir: options.mediaDir,
    cms: new URL(options.cmsUrl).host,
    web: new URL(options.webUrl).host,
  };
  const { binary, shipped } = PROXIES[kind];
  const siteFile = path.join(prefix, `shipped-${path.basename(shipped)}`);
  fs.writeFileSync(siteFile, renderShipped(kind, fs.readFileSync(shipped, 'utf8'), values));
  const main = mainConfig(kind, prefix, siteFile, values);
  fs.writeFileSync(main.file, main.text);
  const env = { ...process.env, ...main.env };
  const check = spawnSync(binary, main.check, { encoding: 'utf8', env });
  if (check.status !== 0) throw new Error(`${kind} refused the configuration:\n${check.stdout}${check.stderr}`);
  const child: ChildProcess = spawn(binary, main.args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 15_000;
  for (;;) {
    const errorLog = path.join(prefix, 'error.log');
    if (child.exitCode !== null) throw new Error(`${kind} exited: ${stderr}${fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : ''}`);
    const up = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: httpPort, path: '/' }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`${kind} did not listen on ${httpPort}: ${stderr}`);
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
        // TERM is the stop signal all three document.
        child.kill('SIGTERM');
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
