/**
 * The RFC 4752 (section 3.1) security-layer negotiation that ends SASL GSSAPI, once the
 * Kerberos context is established: the server sends a wrapped 4-octet message (a bit mask
 * of the layers it offers, then its max buffer size as 3 octets, network order); the client
 * answers with a wrapped [chosen layer, its max buffer size, authorization id]. Kafka
 * offers "no security layer" (Java's qop "auth"), the only one this client chooses; the
 * max buffer size is then 0.
 */

export const LAYER_NONE = 0x01;
export const LAYER_INTEGRITY = 0x02;
export const LAYER_CONFIDENTIALITY = 0x04;

export interface ServerLayers {
  bitmask: number;
  /** SASL qop names of the layers offered: auth, auth-int, auth-conf. */
  offered: string[];
  maxBuffer: number;
}

export function qopNames(bitmask: number): string[] {
  const out: string[] = [];
  if (bitmask & LAYER_NONE) out.push('auth');
  if (bitmask & LAYER_INTEGRITY) out.push('auth-int');
  if (bitmask & LAYER_CONFIDENTIALITY) out.push('auth-conf');
  return out;
}

/** Decodes the server's unwrapped message; null when it is not 4 octets. */
export function parseServerLayers(message: Uint8Array): ServerLayers | null {
  if (message.length !== 4) return null;
  const bitmask = message[0]!;
  const maxBuffer = (message[1]! << 16) | (message[2]! << 8) | message[3]!;
  return { bitmask, offered: qopNames(bitmask), maxBuffer };
}

/** The client reply RFC 4752 asks for, before wrapping: no security layer, max buffer 0, authzid. */
export function clientReply(authzid: string): Buffer {
  return Buffer.concat([Buffer.from([LAYER_NONE, 0, 0, 0]), Buffer.from(authzid, 'utf8')]);
}

/**
 * What to hand the `kerberos` package's wrap() so that it wraps exactly clientReply(authzid):
 * it takes the layer/size preamble from its input (first octet forced to 0x01, octets 1..3
 * kept) and the authzid from options.user. Padded to 8 octets because it reads a C long.
 */
export function wrapInput(): string {
  return Buffer.from([LAYER_NONE, 0, 0, 0, 0, 0, 0, 0]).toString('base64');
}

/** Checked before wrap(): the package copies the authzid as a C string into a 4 KiB buffer. */
export function authzidProblem(authzid: string): string | null {
  if (authzid.includes('\0')) return 'the authorization id contains a NUL character';
  if (Buffer.byteLength(authzid, 'utf8') > 4000) return 'the authorization id is longer than 4000 bytes';
  return null;
}
