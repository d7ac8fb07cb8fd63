/** A V8 CPU profile (what --cpu-prof writes) summed by where the code lives and by function, for bench/profile-pages.ts. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's code lives, in a few words. */
export function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'Node.js internals';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.includes('/web/dist/server/chunks/astro/')) return 'Astro’s runtime (bundled into web/dist)';
  if (url.includes('/web/dist/')) return 'the site’s own code (web/dist: pages, components, lib)';
  return url;
}

/** Self time by place and by function, as Markdown table rows of the `top` largest shares. */
export function summariseProfile(profile: CpuProfile, top: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...self.values()].reduce((sum, value) => sum + value, 0);
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const place = placeOf(url, functionName);
    places.set(place, (places.get(place) ?? 0) + micros);
    const where = url ? ` ${url.replace(/^.*node_modules\//, '').replace(/^.*\/web\/dist\//, 'web/dist/')}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'}${where}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const table = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `| ${((micros / total) * 100).toFixed(1)}% | ${name} |`)
      .join('\n');
  return { totalMs: total / 1000, places: table(places), functions: table(functions) };
}
