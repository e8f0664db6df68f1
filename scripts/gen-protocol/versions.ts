import { OPEN_MAX, type VersionRange } from '../../src/main/core/protocol/schema-model';

/**
 * Parses a schema version string: "3", "0-7", "9+", or "none" (null). Open-ended ranges get OPEN_MAX;
 * callers intersect with the message's validVersions where it matters.
 */
export function parseVersions(spec: string | undefined, what: string): VersionRange | null {
  if (spec === undefined) return null;
  const s = spec.trim();
  if (s === 'none') return null;
  let m = /^(\d+)\+$/.exec(s);
  if (m) return [Number(m[1]), OPEN_MAX];
  m = /^(\d+)-(\d+)$/.exec(s);
  if (m) {
    const min = Number(m[1]);
    const max = Number(m[2]);
    if (max < min) throw new Error(`${what}: empty version range "${spec}"`);
    return [min, max];
  }
  m = /^(\d+)$/.exec(s);
  if (m) return [Number(m[1]), Number(m[1])];
  throw new Error(`${what}: cannot parse version range "${spec}"`);
}

export function intersect(a: VersionRange | null, b: VersionRange | null): VersionRange | null {
  if (a === null || b === null) return null;
  const min = Math.max(a[0], b[0]);
  const max = Math.min(a[1], b[1]);
  return min <= max ? [min, max] : null;
}

export function versionsOf(range: VersionRange): number[] {
  const out: number[] = [];
  for (let v = range[0]; v <= range[1]; v++) out.push(v);
  return out;
}
