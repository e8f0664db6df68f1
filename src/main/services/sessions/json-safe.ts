/**
 * Makes a decoded Kafka response plain JSON for both transports: int64 (bigint) as a
 * decimal string, bytes as base64, no undefined, no cycles.
 */
export function toJsonSafe(value: unknown, depth = 0): unknown {
  if (depth > 64) return '[too deep]';
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Uint8Array)
    return { base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map((v) => toJsonSafe(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    out[k] = toJsonSafe(v, depth + 1);
  }
  return out;
}
