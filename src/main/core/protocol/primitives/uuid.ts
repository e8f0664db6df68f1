/**
 * Kafka uuids (16 bytes on the wire) are represented in bodies as strings in Java's `Uuid.toString()` form:
 * URL-safe base64 without padding, 22 characters (e.g. topic ids as the Kafka CLI shows them). The zero
 * uuid is 'AAAAAAAAAAAAAAAAAAAAAA'. Only canonical strings are accepted: the last character carries 2 bits,
 * so it must be one of A, Q, g, w.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ENC = new Uint8Array(64);
const DEC = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  const c = ALPHABET.charCodeAt(i);
  ENC[i] = c;
  DEC[c] = i;
}

export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** Reads 16 bytes at `p` (the caller has checked bounds) as a uuid string. */
export function uuidAt(b: Uint8Array, p: number): string {
  const n0 = (b[p]! << 16) | (b[p + 1]! << 8) | b[p + 2]!;
  const n1 = (b[p + 3]! << 16) | (b[p + 4]! << 8) | b[p + 5]!;
  const n2 = (b[p + 6]! << 16) | (b[p + 7]! << 8) | b[p + 8]!;
  const n3 = (b[p + 9]! << 16) | (b[p + 10]! << 8) | b[p + 11]!;
  const n4 = (b[p + 12]! << 16) | (b[p + 13]! << 8) | b[p + 14]!;
  const l = b[p + 15]!;
  // One call with 22 arguments: cheaper than building a string piecewise or a native base64 call.
  // prettier-ignore
  return String.fromCharCode(
    ENC[n0 >>> 18]!, ENC[(n0 >>> 12) & 63]!, ENC[(n0 >>> 6) & 63]!, ENC[n0 & 63]!,
    ENC[n1 >>> 18]!, ENC[(n1 >>> 12) & 63]!, ENC[(n1 >>> 6) & 63]!, ENC[n1 & 63]!,
    ENC[n2 >>> 18]!, ENC[(n2 >>> 12) & 63]!, ENC[(n2 >>> 6) & 63]!, ENC[n2 & 63]!,
    ENC[n3 >>> 18]!, ENC[(n3 >>> 12) & 63]!, ENC[(n3 >>> 6) & 63]!, ENC[n3 & 63]!,
    ENC[n4 >>> 18]!, ENC[(n4 >>> 12) & 63]!, ENC[(n4 >>> 6) & 63]!, ENC[n4 & 63]!,
    ENC[l >>> 2]!, ENC[(l & 3) << 4]!,
  );
}

/**
 * Writes the 16 bytes of uuid string `s` at `p` (the caller has ensured room). Returns false if `s` is not
 * a canonical 22-character base64url uuid (nothing useful is written then).
 */
export function writeUuidAt(b: Uint8Array, p: number, s: unknown): boolean {
  if (typeof s !== 'string' || s.length !== 22) return false;
  let bad = 0;
  let j = 0;
  for (let i = p; i < p + 15; i += 3) {
    const c0 = dec(s.charCodeAt(j));
    const c1 = dec(s.charCodeAt(j + 1));
    const c2 = dec(s.charCodeAt(j + 2));
    const c3 = dec(s.charCodeAt(j + 3));
    j += 4;
    bad |= c0 | c1 | c2 | c3;
    const n = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    b[i] = n >>> 16;
    b[i + 1] = n >>> 8;
    b[i + 2] = n;
  }
  const c20 = dec(s.charCodeAt(20));
  const c21 = dec(s.charCodeAt(21));
  bad |= c20 | c21;
  if (bad < 0 || (c21 & 15) !== 0) return false;
  b[p + 15] = (c20 << 2) | (c21 >>> 4);
  return true;
}

function dec(c: number): number {
  return c < 128 ? DEC[c]! : -1;
}

export function uuidToBytes(s: string): Uint8Array {
  const out = new Uint8Array(16);
  if (!writeUuidAt(out, 0, s)) throw new TypeError(`not a Kafka uuid string: ${JSON.stringify(s)}`);
  return out;
}

export function uuidFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new TypeError(`a uuid is 16 bytes, got ${bytes.length}`);
  return uuidAt(bytes, 0);
}

/** The uuid as 32 lower-case hex digits (as some tools show it). */
export function uuidToHex(s: string): string {
  return Buffer.from(uuidToBytes(s)).toString('hex');
}

export function isUuidString(s: unknown): s is string {
  return writeUuidAt(scratch, 0, s);
}
const scratch = new Uint8Array(16);
