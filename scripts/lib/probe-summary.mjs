// What scanners asked the site for, from its access log: the lines the web middleware writes for scanner probes
// (`"probe":true` with the path and the visitor's address; web/src/middleware.ts). Pure: entries in, tables out.

/**
 * Counts of probe entries by path, by source address and by day (UTC), plus all requests per day for scale.
 *
 * @example
 * summariseProbes([{ probe: true, path: '/.env', ip: '203.0.113.7', time: Date.UTC(2026, 0, 2) }, { path: '/', time: Date.UTC(2026, 0, 2) }])
 * // { probes: 1, requests: 2, sourceCount: 1, paths: [['/.env', 1]], sources: [{ ip: '203.0.113.7', probes: 1, paths: 1 }], days: [{ day: '2026-01-02', probes: 1, sources: 1, requests: 2 }] }
 */
export function summariseProbes(entries, { top = 15 } = {}) {
  const paths = new Map();
  const sources = new Map();
  const days = new Map();
  let probes = 0;
  let requests = 0;
  for (const entry of entries) {
    if (typeof entry?.path !== 'string') continue;
    requests += 1;
    const day = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(0, 10) : 'unknown';
    const today = days.get(day) ?? { day, probes: 0, sources: new Set(), requests: 0 };
    today.requests += 1;
    days.set(day, today);
    if (entry.probe !== true) continue;
    probes += 1;
    const ip = typeof entry.ip === 'string' && entry.ip !== '' ? entry.ip : 'unknown';
    paths.set(entry.path, (paths.get(entry.path) ?? 0) + 1);
    const source = sources.get(ip) ?? { ip, probes: 0, paths: new Set() };
    source.probes += 1;
    source.paths.add(entry.path);
    sources.set(ip, source);
    today.probes += 1;
    today.sources.add(ip);
  }
  const byCount = (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
  return {
    probes,
    requests,
    sourceCount: sources.size,
    paths: [...paths].sort(byCount).slice(0, top),
    sources: [...sources.values()]
      .map((s) => ({ ip: s.ip, probes: s.probes, paths: s.paths.size }))
      .sort((a, b) => b.probes - a.probes || (a.ip < b.ip ? -1 : 1))
      .slice(0, top),
    days: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)).map((d) => ({ day: d.day, probes: d.probes, sources: d.sources.size, requests: d.requests })),
  };
}

/** Rows as an aligned text table, numbers right-aligned. */
export function textTable(header, rows) {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const line = (row) => row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** The report `npm run logs:probes` prints. */
export function renderProbeReport(summary) {
  const share = summary.requests === 0 ? 0 : Math.round((summary.probes / summary.requests) * 100);
  return [
    `${summary.probes} scanner probes in ${summary.requests} requests (${share}%) from ${summary.sourceCount} sources.`,
    '',
    'Top probed paths',
    textTable(['probes', 'path'], summary.paths.map(([path, count]) => [count, path])),
    '',
    'Top sources',
    textTable(['probes', 'paths', 'source'], summary.sources.map((s) => [s.probes, s.paths, s.ip])),
    '',
    'Per day (UTC)',
    textTable(['day', 'probes', 'sources', 'requests'], summary.days.map((d) => [d.day, d.probes, d.sources, d.requests])),
    '',
  ].join('\n');
}
