/**
 * Stable names for what went wrong, attached to errors and close events so diagnosis
 * can work from events alone. Classified where the failure is seen, never guessed later.
 */
export type FailureKind =
  | 'DNS_FAILURE'
  | 'CONNECTION_REFUSED'
  | 'CONNECT_TIMEOUT'
  | 'CONNECTION_RESET'
  | 'PLAINTEXT_TO_TLS_LISTENER'
  | 'TLS_TO_PLAINTEXT_LISTENER'
  | 'HTTP_PORT'
  | 'TLS_UNTRUSTED_CA'
  | 'TLS_HOSTNAME_MISMATCH'
  | 'TLS_CERT_EXPIRED'
  | 'TLS_CLIENT_CERT_REQUIRED'
  | 'TLS_CLIENT_CERT_REJECTED'
  | 'TLS_ALERT'
  | 'TLS_CONFIG'
  | 'BROKER_TOO_OLD'
  | 'NO_COMMON_VERSION'
  | 'FRAME_TOO_LARGE'
  | 'CORRELATION_MISMATCH'
  | 'MALFORMED_RESPONSE'
  | 'REQUEST_TIMEOUT'
  | 'SASL_MECHANISM_NOT_ENABLED'
  | 'SASL_AUTH_FAILED'
  | 'SASL_REQUIRED'
  | 'SASL_NOT_ENABLED_ON_LISTENER'
  | 'SCRAM_SERVER_SIGNATURE_MISMATCH'
  | 'OAUTH_TOKEN_REJECTED'
  // SASL GSSAPI (Kerberos): see src/main/core/auth/gssapi/classify.ts and docs/gssapi.md.
  /** The optional `kerberos` package is not installed or its native part does not load. */
  | 'GSSAPI_UNAVAILABLE'
  /** A GSSAPI setting is unusable: a krb5.conf that isn't there, an empty service name… */
  | 'GSSAPI_CONFIG'
  /** No ticket and no keytab key for the principal: kinit needed, or the ticket expired. */
  | 'GSSAPI_NO_CREDENTIALS'
  /** The KDC krb5.conf names does not answer. */
  | 'GSSAPI_KDC_UNREACHABLE'
  /** "Server not found in Kerberos database": wrong service name or broker host name. */
  | 'GSSAPI_UNKNOWN_SERVICE_PRINCIPAL'
  /** "Clock skew too great". */
  | 'GSSAPI_CLOCK_SKEW'
  /** Realm not configured, host mapped to a realm without trust, realm mismatch. */
  | 'GSSAPI_WRONG_REALM'
  /** "Client not found in Kerberos database". */
  | 'GSSAPI_UNKNOWN_CLIENT'
  /** The keytab or password does not match the KDC's key (stale kvno, other enctype). */
  | 'GSSAPI_KEY_MISMATCH'
  /** The broker offers no "no security layer" option, or its RFC 4752 message is malformed. */
  | 'GSSAPI_SECURITY_LAYER';

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

export interface Classified {
  kind: FailureKind | null;
  /** A sentence a person understands, without the raw error's jargon where possible. */
  message: string;
}

/** Classifies a socket or TLS error by its code, with what the client had configured. */
export function classifySocketError(err: NodeJS.ErrnoException, ctx: { host: string; port: number; tls: boolean; hasClientCert: boolean }): Classified {
  const where = `${ctx.host}:${ctx.port}`;
  const code = err.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL')
    return { kind: 'DNS_FAILURE', message: `The host name "${ctx.host}" could not be resolved (${code}).` };
  if (code === 'ECONNREFUSED')
    return { kind: 'CONNECTION_REFUSED', message: `Connection refused by ${where}: nothing is listening on that port, or a firewall rejects it.` };
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return { kind: 'CONNECT_TIMEOUT', message: `${where} could not be reached (${code}).` };
  if (UNTRUSTED.has(code))
    return {
      kind: 'TLS_UNTRUSTED_CA',
      message: `The broker's certificate is not signed by a CA this client trusts (${code}). Give the CA that signed it.`,
    };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return { kind: 'TLS_HOSTNAME_MISMATCH', message: `The broker's certificate does not name the host this client expected: ${err.message}` };
  if (code === 'CERT_HAS_EXPIRED')
    return { kind: 'TLS_CERT_EXPIRED', message: `The broker's certificate has expired (${code}).` };
  if (code === 'CERT_NOT_YET_VALID')
    return { kind: 'TLS_CERT_EXPIRED', message: `The broker's certificate is not valid yet: check its dates and this machine's clock.` };
  const certAlert =
    code === 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' || code === 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE' || code === 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN';
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' || (!ctx.hasClientCert && certAlert))
    return {
      kind: 'TLS_CLIENT_CERT_REQUIRED',
      message: `The broker requires a client certificate (mutual TLS) and none was given.`,
    };
  if (code === 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE' || code === 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA' || code === 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN')
    return { kind: 'TLS_CLIENT_CERT_REJECTED', message: `The broker rejected the client certificate (${code}).` };
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || code === 'ERR_SSL_RECORD_LAYER_FAILURE')
    return {
      kind: 'TLS_TO_PLAINTEXT_LISTENER',
      message: `${where} did not answer the TLS handshake with TLS (${code}): the listener probably speaks PLAINTEXT or SASL_PLAINTEXT.`,
    };
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return { kind: 'TLS_ALERT', message: `TLS failed: ${err.message}` };
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return { kind: 'CONNECTION_RESET', message: `${where} reset the connection (${code}).` };
  return { kind: null, message: err.message || String(err) };
}
