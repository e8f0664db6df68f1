/** Builds Node TLS options from TlsOptions, and summarises the peer's certificate chain. */
import { checkServerIdentity, type ConnectionOptions as NodeTlsOptions, type DetailedPeerCertificate, type PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { Socket } from 'node:net';
import type { TlsOptions } from './options';
import type { CertSummary } from '../observe/events';

export function nodeTlsOptions(host: string, socket: Socket, o: TlsOptions): NodeTlsOptions {
  const servername = o.servername ?? (isIP(host) ? undefined : host);
  const verifyName = o.servername ?? host;
  return {
    socket,
    host,
    ...(servername ? { servername } : {}),
    ...(o.ca !== undefined ? { ca: o.ca } : {}),
    ...(o.cert !== undefined ? { cert: o.cert } : {}),
    ...(o.key !== undefined ? { key: o.key } : {}),
    ...(o.pfx !== undefined ? { pfx: o.pfx } : {}),
    ...(o.passphrase !== undefined ? { passphrase: o.passphrase } : {}),
    rejectUnauthorized: o.rejectUnauthorized ?? true,
    checkServerIdentity: o.verifyHostname === false ? () => undefined : (_name, cert) => checkServerIdentity(verifyName, cert),
  };
}

function dn(fields: Record<string, string | string[] | undefined> | undefined): string {
  if (!fields) return '';
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

export function summariseChain(leaf: DetailedPeerCertificate | PeerCertificate | null): CertSummary[] {
  const out: CertSummary[] = [];
  const seen = new Set<string>();
  let cert = leaf as DetailedPeerCertificate | null;
  while (cert && cert.fingerprint256 && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    const subject = dn(cert.subject as unknown as Record<string, string>);
    const issuer = dn(cert.issuer as unknown as Record<string, string>);
    out.push({
      subject,
      issuer,
      subjectAltNames: cert.subjectaltname ? cert.subjectaltname.split(', ') : [],
      validFrom: new Date(cert.valid_from).toISOString(),
      validTo: new Date(cert.valid_to).toISOString(),
      fingerprint256: cert.fingerprint256,
      serialNumber: cert.serialNumber,
      selfSigned: subject === issuer,
    });
    cert = cert.issuerCertificate ?? null;
  }
  return out;
}
