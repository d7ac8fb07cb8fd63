/**
 * Paths that only vulnerability scanners ask for: other software's admin pages and installers, leaked secrets and
 * repositories, server-side script extensions this site never has. The site answers them with a plain 404 before any
 * page runs, so a scan costs no call to Strapi.
 */

/** File extensions of server-side scripts and backups (`/index.php`, `/db.sql`, `/web.config.bak`). */
const PROBE_EXTENSIONS = /\.(?:php\d?|phtml|asp|aspx|ashx|asmx|axd|jsp|jspx|do|action|cgi|pl|py|rb|sh|env|ini|bak|old|orig|save|swp|sql|sqlite|db|mdb|tar|tgz|gz|zip|rar|7z|yml|yaml|toml|log|pem|key|cfg|conf|config|htaccess|htpasswd|DS_Store)$/i;

/** A segment anywhere in the path that names someone else's software or a secret (`/blog/wp-admin/…`, `/.git/HEAD`). */
const PROBE_SEGMENTS = new Set([
  '.env',
  '.git',
  '.svn',
  '.hg',
  '.aws',
  '.ssh',
  '.docker',
  '.vscode',
  '.idea',
  'wp-admin',
  'wp-content',
  'wp-includes',
  'wp-json',
  'wordpress',
  'xmlrpc.php',
  'cgi-bin',
  'phpmyadmin',
  'pma',
  'myadmin',
  'mysql',
  'adminer',
  'vendor',
  'actuator',
  'owa',
  'ecp',
  'autodiscover',
  'boaform',
  'hnap1',
  'solr',
  'telescope',
  '_ignition',
  'jenkins',
  'manager',
  'console',
  'server-status',
  'druid',
  'geoserver',
  'remote',
  'sdk',
  'webui',
  'cpanel',
  'setup',
  'install',
  'config',
  'backup',
]);

/** Whole segments that start like these are probes too (`/wp-login.php`, `/.env.production`, `/phpMyAdmin4`). */
const PROBE_PREFIXES = ['wp-', '.env', '.git', 'phpmyadmin', 'config.', 'backup.'];

/**
 * Whether a request path is one only scanners ask for. Decodes the path first, so `%2e%65nv` is `.env`; a path that
 * does not decode is a probe as well. Case does not matter.
 *
 * @example
 * isScannerProbe('/wp-login.php') // true
 * isScannerProbe('/.git/config') // true
 * isScannerProbe('/photos/abc123') // false
 * isScannerProbe('/media/derivatives/ab/ab12/thumb.avif') // false
 */
export function isScannerProbe(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  const lower = decoded.toLowerCase();
  if (PROBE_EXTENSIONS.test(lower.replace(/\/+$/, ''))) return true;
  const segments = lower.split('/').filter((segment) => segment !== '');
  return segments.some((segment) => PROBE_SEGMENTS.has(segment) || PROBE_PREFIXES.some((prefix) => segment.startsWith(prefix)));
}
