/**
 * Frames as they were before TLS encryption, for the pcapng export. SASL payloads
 * (SaslAuthenticate bodies and raw handshake-v0 tokens) are blanked here, at capture, with
 * their lengths kept: credentials never leave the connection, not even in a capture.
 */
import { ApiKey, requestHeaderVersion, responseHeaderVersion } from '../protocol';

export interface CapturedFrame {
  bytes: Buffer;
  redacted: boolean;
}

function blankedFrom(frame: Uint8Array, offset: number): Buffer {
  const out = Buffer.from(frame);
  out.fill(0, Math.min(offset, out.length));
  return out;
}

/** A request frame (size prefix included) as the client wrote it. */
export function captureRequest(frame: Uint8Array, apiKey: number, apiVersion: number, clientIdBytes: number): CapturedFrame {
  if (apiKey !== ApiKey.SaslAuthenticate) return { bytes: Buffer.from(frame), redacted: false };
  // size, api key, version, correlation id, client id (int16 length + bytes), empty tagged fields in v2.
  const header = 4 + 8 + 2 + clientIdBytes + (requestHeaderVersion(apiKey, apiVersion) >= 2 ? 1 : 0);
  return { bytes: blankedFrom(frame, header), redacted: true };
}

/** A response payload (without size prefix) as the broker sent it; returned with its size prefix. */
export function captureResponse(payload: Uint8Array, apiKey: number | null, apiVersion: number): CapturedFrame {
  const framed = Buffer.allocUnsafe(4 + payload.length);
  framed.writeInt32BE(payload.length, 0);
  framed.set(payload, 4);
  if (apiKey === null) return { bytes: blankedFrom(framed, 4), redacted: true }; // a raw SASL token
  if (apiKey !== ApiKey.SaslAuthenticate) return { bytes: framed, redacted: false };
  const header = 4 + 4 + (responseHeaderVersion(apiKey, apiVersion) >= 1 ? 1 : 0);
  return { bytes: blankedFrom(framed, header), redacted: true };
}

/** A raw handshake-v0 token the client wrote (size prefix included): all of it blanked. */
export function captureRawToken(frame: Uint8Array): CapturedFrame {
  return { bytes: blankedFrom(frame, 4), redacted: true };
}
