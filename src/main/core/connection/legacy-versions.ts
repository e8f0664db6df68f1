/**
 * Built-in API version tables for brokers older than 0.10, which have no ApiVersions
 * request (the reference design's api_version hint). Keys are API keys.
 */
export type VersionRanges = ReadonlyMap<number, { min: number; max: number }>;

const r = (entries: [number, number, number][]): VersionRanges => new Map(entries.map(([k, min, max]) => [k, { min, max }]));

// [apiKey, min, max]: Produce 0, Fetch 1, ListOffsets 2, Metadata 3, OffsetCommit 8,
// OffsetFetch 9, FindCoordinator 10, JoinGroup 11, Heartbeat 12, LeaveGroup 13,
// SyncGroup 14, DescribeGroups 15, ListGroups 16.
const V0_8_0: [number, number, number][] = [
  [0, 0, 0],
  [1, 0, 0],
  [2, 0, 0],
  [3, 0, 0],
];
const V0_8_1: [number, number, number][] = [...V0_8_0, [8, 0, 0], [9, 0, 0]];
const V0_8_2: [number, number, number][] = [...V0_8_0, [8, 0, 1], [9, 0, 1], [10, 0, 0]];
const V0_9_0: [number, number, number][] = [
  [0, 0, 1],
  [1, 0, 1],
  [2, 0, 0],
  [3, 0, 0],
  [8, 0, 2],
  [9, 0, 1],
  [10, 0, 0],
  [11, 0, 0],
  [12, 0, 0],
  [13, 0, 0],
  [14, 0, 0],
  [15, 0, 0],
  [16, 0, 0],
];

export const LEGACY_TABLES: Readonly<Record<string, VersionRanges>> = {
  '0.8.0': r(V0_8_0),
  '0.8.1': r(V0_8_1),
  '0.8.2': r(V0_8_2),
  '0.9.0': r(V0_9_0),
};

/** Parses a hint like "0.9", "0.8.2" or "2.8.1" into [major, minor, patch]. */
export function parseVersionHint(hint: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(hint.trim());
  if (!m) throw new Error(`apiVersionHint "${hint}" is not a version like 0.9 or 0.8.2`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** The built-in table for a pre-0.10 hint, or null when the broker has ApiVersions. */
export function legacyTableFor(hint: string): VersionRanges | null {
  const [major, minor, patch] = parseVersionHint(hint);
  if (major > 0 || minor >= 10) return null;
  const key = `${major}.${minor}.${minor === 8 ? Math.min(patch, 2) : 0}`;
  const table = LEGACY_TABLES[key];
  if (!table) throw new Error(`apiVersionHint "${hint}": no built-in version table (known: ${Object.keys(LEGACY_TABLES).join(', ')})`);
  return table;
}
