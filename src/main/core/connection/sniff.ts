/**
 * Says what a run of bytes looks like when it is not a sane Kafka frame: a TLS record
 * (the listener speaks TLS), an HTTP response (an HTTP port), a decoded TLS alert.
 */
import type { FailureKind } from './failure-kind';

const TLS_ALERTS: Record<number, string> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  22: 'record_overflow',
  40: 'handshake_failure',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
  113: 'bad_certificate_status_response',
  115: 'unknown_psk_identity',
  116: 'certificate_required',
  120: 'no_application_protocol',
};

export interface Sniffed {
  kind: FailureKind | null;
  description: string;
}

export function sniffBytes(head: Uint8Array): Sniffed {
  const b0 = head[0];
  const b1 = head[1];
  const b2 = head[2];
  if (b0 === 0x15 && b1 === 0x03 && b2 !== undefined && b2 <= 0x04) {
    const level = head[5];
    const desc = head[6];
    const name = desc === undefined ? 'unknown' : (TLS_ALERTS[desc] ?? `alert ${desc}`);
    return {
      kind: 'PLAINTEXT_TO_TLS_LISTENER',
      description: `the bytes are a TLS alert (${level === 2 ? 'fatal' : 'warning'}: ${name}): the listener speaks TLS, so use SSL or SASL_SSL`,
    };
  }
  if ((b0 === 0x16 || b0 === 0x14 || b0 === 0x17) && b1 === 0x03 && b2 !== undefined && b2 <= 0x04) {
    return { kind: 'PLAINTEXT_TO_TLS_LISTENER', description: 'the bytes are a TLS record: the listener speaks TLS, so use SSL or SASL_SSL' };
  }
  const ascii = String.fromCharCode(...head.subarray(0, 8));
  if (ascii.startsWith('HTTP/')) {
    return { kind: 'HTTP_PORT', description: 'the bytes are an HTTP response: this port serves HTTP, not Kafka' };
  }
  if (ascii.startsWith('SSH-')) {
    return { kind: null, description: 'the bytes are an SSH banner: this port serves SSH, not Kafka' };
  }
  const hex = Buffer.from(head.subarray(0, 8)).toString('hex').replace(/(..)/g, '$1 ').trim();
  return { kind: null, description: `the first bytes are ${hex}` };
}
