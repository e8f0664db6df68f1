/**
 * What the diagnosis engine says: findings with a stable code, a severity, one line of cause
 * in plain words, the events that prove it, and a fix. The catalog below is the single list
 * of codes; docs/diagnosis.md documents each one (a test keeps them in step).
 */
import { z } from 'zod';

export const severities = ['error', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];

export const categories = [
  'network',
  'protocol',
  'tls',
  'sasl',
  'versions',
  'advertised',
  'authorization',
  'load',
  'other',
] as const;
export type Category = (typeof categories)[number];

export interface CatalogEntry {
  category: Category;
  /** The usual severity; a finding may differ (said in its docs). */
  severity: Severity;
  title: string;
  /** For the docs: what it means, what proves it, what to do. */
  doc: { cause: string; evidence: string; fix: string };
}

const entry = (
  category: Category,
  severity: Severity,
  title: string,
  cause: string,
  evidence: string,
  fix: string,
): CatalogEntry => ({
  category,
  severity,
  title,
  doc: { cause, evidence, fix },
});

export const FINDING_CATALOG = {
  // ------------------------------------------------------------------ network
  DNS_FAILURE: entry(
    'network',
    'error',
    'Host name does not resolve',
    'The broker host name could not be resolved to an address on this machine.',
    'A `close` event in state DNS with kind DNS_FAILURE (ENOTFOUND, EAI_AGAIN…), no `dns` event.',
    'Check the spelling of the host; check this machine’s resolver (VPN, split-horizon DNS, /etc/hosts); or use an IP address.',
  ),
  CONNECTION_REFUSED: entry(
    'network',
    'error',
    'Connection refused',
    'The host answered, but nothing listens on that port (or a firewall rejects the connection).',
    'A `close` event in state TCP_CONNECT with kind CONNECTION_REFUSED (ECONNREFUSED).',
    'Check the port against the broker’s `listeners`; check the broker is running; check firewalls that reject rather than drop.',
  ),
  CONNECT_TIMEOUT: entry(
    'network',
    'error',
    'Connection timed out',
    'The connection did not get through its setup in time: either TCP never connected (packets dropped), or TCP connected and the other side never answered.',
    'A `close` event with kind CONNECT_TIMEOUT and reason CONNECTION_TIMEOUT; its state says where it stalled (TCP_CONNECT, TLS_HANDSHAKE, APIVERSION_QUERY…).',
    'Stalled in TCP_CONNECT: check routes, firewalls and security groups between here and the broker. Stalled later: check the port really is a Kafka listener (not a load balancer or proxy that holds the connection), and the broker’s health.',
  ),
  CONNECTION_LOST: entry(
    'network',
    'error',
    'The broker closed the connection',
    'The broker (or something in between) closed or reset the connection in a way no more specific finding explains.',
    'A `close` event with kind CONNECTION_RESET (or none) and reason CONNECTION_BROKEN.',
    'Look at the broker log around the time of the close; check for proxies, load balancers or idle timeouts in between.',
  ),
  NOT_KAFKA_PORT: entry(
    'network',
    'error',
    'This port does not speak Kafka',
    'The bytes that came back are not a Kafka reply (an HTTP response, an SSH banner, or a frame size no broker would send).',
    'A `close` event with reason OUT_OF_SYNC and kind HTTP_PORT or FRAME_TOO_LARGE, whose message describes the bytes seen.',
    'Use the port of the broker’s Kafka listener, not a REST proxy, UI, JMX or SSH port.',
  ),
  // ------------------------------------------------------------------ protocol mismatch
  PLAINTEXT_TO_TLS_LISTENER: entry(
    'protocol',
    'error',
    'Plaintext client on a TLS listener',
    'The client spoke plaintext Kafka to a listener that expects TLS.',
    'A `close` in APIVERSION_QUERY with kind PLAINTEXT_TO_TLS_LISTENER and reason OUT_OF_SYNC (the broker answered with a TLS alert), or a closed connection plus a TLS probe that found TLS on the port.',
    'Use security protocol SSL (or SASL_SSL if the listener also wants SASL) and trust the broker’s CA.',
  ),
  TLS_TO_PLAINTEXT_LISTENER: entry(
    'protocol',
    'error',
    'TLS client on a plaintext listener',
    'The client started a TLS handshake with a listener that speaks plaintext Kafka.',
    'A `close` in TLS_HANDSHAKE with kind TLS_TO_PLAINTEXT_LISTENER (the broker closed the connection or answered with non-TLS bytes).',
    'Use PLAINTEXT (or SASL_PLAINTEXT) for this port, or connect to the broker’s TLS listener port instead.',
  ),
  PROTOCOL_ERROR: entry(
    'protocol',
    'error',
    'The byte stream went out of sync',
    'A reply could not be matched or decoded (wrong correlation id, malformed body): the stream can no longer be trusted.',
    'A `close` with reason OUT_OF_SYNC and kind CORRELATION_MISMATCH or MALFORMED_RESPONSE, or `request.failed` events.',
    'Usually a broken proxy between client and broker, or a non-Kafka server; capture with the pcapng export and look at the frames.',
  ),
  // ------------------------------------------------------------------ TLS
  TLS_UNTRUSTED_CA: entry(
    'tls',
    'error',
    'Broker certificate not trusted',
    'The broker’s certificate is not signed by a CA this client trusts.',
    'A `close` in TLS_HANDSHAKE with kind TLS_UNTRUSTED_CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE, SELF_SIGNED_CERT_IN_CHAIN…); the troubleshoot runner adds the chain the broker presented.',
    'Trust the CA that issued the broker certificate (--ca FILE, ssl.truststore.location / ssl.ca.location); the chain in the evidence names its issuer.',
  ),
  TLS_HOSTNAME_MISMATCH: entry(
    'tls',
    'error',
    'Certificate does not name this host',
    'The broker’s certificate is trusted but does not carry the name (or IP) the client connected to.',
    'A `close` in TLS_HANDSHAKE with kind TLS_HOSTNAME_MISMATCH (ERR_TLS_CERT_ALTNAME_INVALID); the runner adds the certificate’s SubjectAltNames.',
    'Connect with a name the certificate carries, set the expected name (--servername), or reissue the certificate with this name in its SubjectAltName.',
  ),
  TLS_CERT_EXPIRED: entry(
    'tls',
    'error',
    'Certificate expired or not yet valid',
    'A certificate in the broker’s chain is outside its validity period (expired, or not valid yet — check the clocks).',
    'A `close` in TLS_HANDSHAKE with kind TLS_CERT_EXPIRED (CERT_HAS_EXPIRED or CERT_NOT_YET_VALID), or a `tls` event whose peer chain has a certificate outside its dates (verification off: warning).',
    'Renew the broker certificate (and restart or reload the listener); if it is “not yet valid”, fix the clock of this machine or of the CA.',
  ),
  TLS_CERT_EXPIRING: entry(
    'tls',
    'warning',
    'Certificate expires soon',
    'A certificate in the broker’s chain expires within 30 days.',
    'A `tls` event whose peerChain has a certificate with validTo less than 30 days ahead.',
    'Renew the certificate before it expires; clients will fail the TLS handshake from that moment.',
  ),
  TLS_CLIENT_CERT_REQUIRED: entry(
    'tls',
    'error',
    'Client certificate required',
    'The listener requires a client certificate (mutual TLS) and the client gave none.',
    'A `close` with kind TLS_CLIENT_CERT_REQUIRED (a certificate_required / handshake_failure alert), in TLS_HANDSHAKE or on the first request.',
    'Give a client certificate and key signed by a CA the broker trusts (--cert/--key, ssl.keystore.location), or use a listener without ssl.client.auth=required.',
  ),
  TLS_CLIENT_CERT_REJECTED: entry(
    'tls',
    'error',
    'Client certificate rejected',
    'The broker did not accept the client certificate (unknown CA, bad or expired certificate).',
    'A `close` with kind TLS_CLIENT_CERT_REJECTED (bad_certificate / unknown_ca alert).',
    'Use a client certificate issued by a CA in the broker’s truststore, valid now, with the key that matches it.',
  ),
  TLS_HANDSHAKE_FAILED: entry(
    'tls',
    'error',
    'TLS handshake failed',
    'The TLS handshake failed for another reason (no common protocol version or cipher, a bad local key or certificate file…).',
    'A `close` with kind TLS_ALERT or TLS_CONFIG and the TLS library’s message.',
    'Read the message in the evidence; check TLS versions and ciphers on both sides and the files given to the client.',
  ),
  TLS_VERIFICATION_DISABLED: entry(
    'tls',
    'warning',
    'TLS verification is off',
    'Certificate or host-name verification is turned off: the broker is not authenticated and a man in the middle would go unnoticed.',
    '`warning` events TLS_VERIFICATION_OFF or TLS_HOSTNAME_VERIFICATION_OFF.',
    'Trust the right CA (--ca) and connect with a name the certificate carries, then turn verification back on.',
  ),
  // ------------------------------------------------------------------ SASL
  SASL_REQUIRED: entry(
    'sasl',
    'error',
    'The listener requires SASL',
    'The client sent no SASL handshake to a SASL listener: the broker accepted ApiVersions and closed the connection on the first other request.',
    'No `auth.*` events; the connection reached READY, wrote a request (e.g. Metadata), got no reply and was closed by the broker (`close` in READY, kind CONNECTION_RESET).',
    'Use SASL_PLAINTEXT or SASL_SSL with a mechanism the listener enables and valid credentials.',
  ),
  SASL_NOT_ENABLED_ON_LISTENER: entry(
    'sasl',
    'error',
    'SASL on a non-SASL listener',
    'The client started SASL against a listener that does not do SASL.',
    'A `response` to SaslHandshake with error ILLEGAL_SASL_STATE (34), an `auth.handshake` with errorCode 34, and a `close` with kind SASL_NOT_ENABLED_ON_LISTENER.',
    'Use PLAINTEXT or SSL for this port, or connect to the broker’s SASL listener.',
  ),
  SASL_MECHANISM_NOT_ENABLED: entry(
    'sasl',
    'error',
    'SASL mechanism not enabled',
    'The listener does not enable the SASL mechanism the client asked for.',
    'An `auth.handshake` event with errorCode 33 (UNSUPPORTED_SASL_MECHANISM) listing the enabled mechanisms.',
    'Use one of the mechanisms the listener enables (listed in the finding), or add yours to the listener’s sasl.enabled.mechanisms.',
  ),
  SASL_AUTH_FAILED: entry(
    'sasl',
    'error',
    'Authentication failed',
    'The broker rejected the credentials.',
    'An `auth.failure` event (usually error 58 SASL_AUTHENTICATION_FAILED with the broker’s message) and a `close` with reason AUTH_FAILURE.',
    "Check the user name and password, and that the user exists for this mechanism (SCRAM credentials are kept per hash: create the user for SCRAM-SHA-256 or SCRAM-SHA-512 with kafka-configs --alter --add-config --entity-type users --entity-name NAME).",
  ),
  SCRAM_SERVER_SIGNATURE_MISMATCH: entry(
    'sasl',
    'error',
    'SCRAM server signature mismatch',
    'The broker’s final SCRAM message did not prove it knows the password: something between client and broker altered the exchange, or this is not the real broker.',
    'An `auth.failure` and a `close` with kind SCRAM_SERVER_SIGNATURE_MISMATCH after the second SCRAM round.',
    'Treat it as a security problem: look for proxies or interception between client and broker, use SASL_SSL with certificate verification, and check the broker’s SCRAM credentials were not replaced.',
  ),
  OAUTH_TOKEN_REJECTED: entry(
    'sasl',
    'error',
    'OAuth token rejected',
    'The broker rejected the OAUTHBEARER token (expired, wrong audience, issuer or scope, unsigned, or missing the principal claim), or no token could be obtained.',
    'An `auth.failure` and a `close` with kind OAUTH_TOKEN_REJECTED; the broker’s JSON error challenge (status, scope) is in the message.',
    'Check the token’s exp, aud, iss, scope and principal claim (usually sub) against the listener’s OAUTHBEARER validator settings; check the token endpoint and client credentials.',
  ),
  KERBEROS_FAILED: entry(
    'sasl',
    'error',
    'Kerberos (GSSAPI) failed',
    'Kerberos (SASL GSSAPI) authentication failed before the broker saw valid credentials: no ticket, an unreachable KDC, an unknown service or client principal, clock skew, a wrong realm, a stale keytab, or the kerberos package missing.',
    'An `auth.failure` and a `close` with reason AUTH_FAILURE whose kind starts with GSSAPI_ (GSSAPI_NO_CREDENTIALS, GSSAPI_KDC_UNREACHABLE, GSSAPI_UNKNOWN_SERVICE_PRINCIPAL, GSSAPI_UNKNOWN_CLIENT, GSSAPI_CLOCK_SKEW, GSSAPI_WRONG_REALM…); the MIT Kerberos text ends the message.',
    'Follow the specific fix in the finding: run kinit or give a keytab; check the KDC address in krb5.conf; check the service name and host (service/host@REALM must exist in the KDC); sync the clocks; map the host to the right realm in [domain_realm].',
  ),
  PLAIN_WITHOUT_TLS: entry(
    'sasl',
    'warning',
    'PLAIN password sent in clear text',
    'SASL PLAIN runs over a connection without TLS: the password crosses the network readable.',
    'A `warning` event PLAIN_WITHOUT_TLS.',
    'Use SASL_SSL, or a SCRAM mechanism.',
  ),
  // ------------------------------------------------------------------ versions
  BROKER_TOO_OLD: entry(
    'versions',
    'error',
    'Broker too old for ApiVersions',
    'The broker closed the connection in reply to ApiVersions without answering: brokers before Kafka 0.10 do that (they have no ApiVersions).',
    'A `close` in APIVERSION_QUERY on a plaintext connection without any reply bytes, and a TLS probe that found no TLS on the port.',
    'Upgrade the broker; or, for a broker before 0.10, give the client an API version hint (api.version.request=false / broker.version.fallback). If the port expects TLS, use SSL.',
  ),
  NO_COMMON_VERSION: entry(
    'versions',
    'error',
    'No common API version',
    'For an API the client needs, the broker’s supported version range and the client’s do not overlap.',
    'A `versions` event in which an API both sides know has selected = null (ranges listed in the finding).',
    'Use a client version that supports the broker’s range (or upgrade the broker).',
  ),
  // ------------------------------------------------------------------ advertised listeners
  ADVERTISED_LISTENER_UNREACHABLE: entry(
    'advertised',
    'error',
    'Advertised listener unreachable',
    'Bootstrap works, but a broker advertises an address (in Metadata) that cannot be reached from here: clients fail as soon as they talk to that broker.',
    'A Metadata / DescribeCluster reply naming the broker, then a failed connection to the advertised address (DNS_FAILURE, CONNECTION_REFUSED…), while the bootstrap connection worked.',
    'Set the broker’s advertised.listeners to an address clients can resolve and reach (a listener per network if clients are inside and outside), or make that address reachable.',
  ),
  ADVERTISED_LISTENER_LOCALHOST: entry(
    'advertised',
    'error',
    'Broker advertises a loopback address',
    'A broker advertises localhost / 127.0.0.1 (or another loopback address): it only works on the broker’s own host.',
    'A Metadata / DescribeCluster reply advertising a loopback host, and a failed connection to it while bootstrap worked.',
    'Set advertised.listeners to the broker’s real host name or IP (not localhost); in containers, advertise the name clients use.',
  ),
  // ------------------------------------------------------------------ authorization
  AUTHORIZATION_FAILED: entry(
    'authorization',
    'error',
    'Not authorized',
    'The principal is not allowed to do something the client asked for (ACLs): a topic, group, the cluster, a transactional id.',
    'A `response` with a top-level error code *_AUTHORIZATION_FAILED (29 topic, 30 group, 31 cluster, 53 transactional id), or a nested per-topic/per-group error code in the decoded reply (e.g. Metadata topics[].errorCode = 29).',
    'Ask the cluster admin for the ACL (kafka-acls --add --allow-principal User:NAME --operation Describe --topic T …), or use a principal that has it. A refused DescribeCluster alone is a warning: clients fall back to Metadata.',
  ),
  // ------------------------------------------------------------------ load
  THROTTLED: entry(
    'load',
    'warning',
    'Throttled by a quota',
    'The broker throttled this client (KIP-219): a client quota (request time, produce or fetch byte rate) applies and replies are delayed.',
    '`throttle` events and `response` events with throttleTimeMs > 0.',
    'Check the quotas for this user and client id (kafka-configs --describe --entity-type users/clients); raise them or send less.',
  ),
  REQUEST_TIMEOUTS: entry(
    'load',
    'error',
    'Requests timed out',
    'Requests got no reply within the request timeout; replies that arrive later (late replies) show a slow broker rather than a dead one.',
    '`request.timeout` events, `late-reply` events (how late), and possibly a `close` with kind REQUEST_TIMEOUT when the broker was taken for dead.',
    'Check broker load and the network (slow disks, GC pauses, saturated links); raise the request timeout if replies arrive late but do arrive.',
  ),
  // ------------------------------------------------------------------ other
  CONNECTION_FAILED: entry(
    'other',
    'error',
    'Connection failed',
    'The connection failed for a reason with no more specific finding.',
    'A `close` event with the message of the failure.',
    'Read the message in the evidence; export the log (JSONL or pcapng) for a closer look.',
  ),
} as const satisfies Record<string, CatalogEntry>;

export type FindingCode = keyof typeof FINDING_CATALOG;
export const FINDING_CODES = Object.keys(FINDING_CATALOG) as FindingCode[];

export const EvidenceSchema = z.object({
  /** The event's connection, or null for a pool event or an observation of the troubleshoot runner. */
  connectionId: z.string().nullable(),
  /** The event's per-connection sequence number; null for pool events and observations. */
  seq: z.number().nullable(),
  /** Event type, or `observation:<type>`. */
  type: z.string(),
  /** Wall clock, ms since the epoch. */
  time: z.number().nullable(),
  broker: z.string().nullable(),
  summary: z.string(),
});
export type Evidence = z.output<typeof EvidenceSchema>;

export const FindingSchema = z.object({
  code: z.enum(FINDING_CODES as [FindingCode, ...FindingCode[]]),
  severity: z.enum(severities),
  category: z.enum(categories),
  title: z.string(),
  /** One line, plain words. */
  cause: z.string(),
  evidence: z.array(EvidenceSchema),
  fix: z.string(),
  /** host:port the finding is about, when it is about one broker. */
  broker: z.string().nullable(),
  /** Facts a UI may show (enabled mechanisms, certificate dates, counts…); plain JSON. */
  details: z.record(z.string(), z.unknown()),
});
export type Finding = z.output<typeof FindingSchema>;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; stable within a severity. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
