import { describe, expect, test } from 'vitest';
import { isScannerProbe } from '../src/lib/scanner-probes';

describe('isScannerProbe', () => {
  const probes = [
    '/wp-login.php',
    '/wp-admin/',
    '/blog/wp-admin/setup-config.php',
    '/wp-content/plugins/x/readme.txt',
    '/xmlrpc.php',
    '/index.php',
    '/admin.PHP',
    '/.env',
    '/.env.production',
    '/api/.env',
    '/%2eenv',
    '/.git/config',
    '/.git/HEAD',
    '/.aws/credentials',
    '/cgi-bin/luci',
    '/phpmyadmin/index.php',
    '/phpMyAdmin4/',
    '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
    '/actuator/health',
    '/backup.zip',
    '/db.sql',
    '/config.json',
    '/server-status',
    '/owa/auth/logon.aspx',
    '/.DS_Store',
    '/%E0%A4%A',
  ];
  const pages = [
    '/',
    '/species',
    '/photos/k3j2h4g5f6d7s8a9p0o1i2u3',
    '/selection',
    '/selection/clear',
    '/media/derivatives/ab/ab12cd/display-1600.avif',
    '/_astro/BaseLayout.CmZ2fK3c.css',
    '/favicon.svg',
    '/healthz',
    '/.well-known/acme-challenge/abc',
  ];
  test.each(probes)('%s is a probe', (path) => expect(isScannerProbe(path)).toBe(true));
  test.each(pages)('%s is the site', (path) => expect(isScannerProbe(path)).toBe(false));
});
