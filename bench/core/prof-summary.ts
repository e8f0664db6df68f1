/**
 * Summarises a V8 .cpuprofile (from `npm run bench:core -- --clients ours --cpu-prof <dir>`):
 * self time and inclusive time per function (file:function), top N.
 *   npx tsx bench/core/prof-summary.ts <file.cpuprofile|dir> [--top 40] [--filter src/main/core]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '40' }, filter: { type: 'string' } },
});
let path = positionals[0];
if (!path) throw new Error('usage: prof-summary.ts <file.cpuprofile|dir>');
if (statSync(path).isDirectory()) {
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(path!, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files.length === 0) throw new Error(`no .cpuprofile in ${path}`);
  path = files[0]!;
}
const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
const root = process.cwd();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n: ProfileNode): string => {
  const f = n.callFrame;
  const url = f.url.startsWith('file://') ? relative(root, f.url.slice(7)) : f.url || '(native)';
  return `${url}:${f.functionName || '(anonymous)'}:${f.lineNumber + 1}`;
};

const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  all += dt;
  let node = byId.get(profile.samples[i]!);
  if (!node) continue;
  const l = label(node);
  self.set(l, (self.get(l) ?? 0) + dt);
  const seen = new Set<string>();
  while (node) {
    const k = label(node);
    if (!seen.has(k)) {
      total.set(k, (total.get(k) ?? 0) + dt);
      seen.add(k);
    }
    const p = parent.get(node.id);
    node = p === undefined ? undefined : byId.get(p);
  }
}

const idle = self.get('(native):(idle):0') ?? 0;
const busy = all - idle;
const top = Number(values.top);
const keep = (k: string): boolean => !values.filter || k.includes(values.filter);
const pct = (v: number): string => `${((100 * v) / busy).toFixed(1).padStart(5)}%`;
console.log(
  `${path}: ${(all / 1000).toFixed(0)} ms sampled, ${(busy / 1000).toFixed(0)} ms not idle; percentages are of the non-idle time`,
);
console.log('\nSelf time:');
for (const [k, v] of [...self]
  .filter(([k]) => keep(k) && !k.startsWith('(native):(idle)'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`${pct(v)}  ${k}`);
console.log('\nInclusive time:');
for (const [k, v] of [...total]
  .filter(([k]) => keep(k) && !k.startsWith('(native):(idle)') && !k.startsWith('(native):(root)'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`${pct(v)}  ${k}`);
