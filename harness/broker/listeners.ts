// The broker's client-facing listeners as data. Config generation (config.ts), port
// allocation, the info JSON and the tests all iterate over this list, so a new kind of
// listener (OIDC, short re-auth, GSSAPI, unreachable advertised host, expired cert...) is
// one more entry here plus whatever config keys it needs.

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'OAUTHBEARER' | 'GSSAPI';

export interface ListenerSpec<Name extends string = string> {
  /** Kafka listener name (also the key in the info JSON). */
  name: Name;
  securityProtocol: SecurityProtocol;
  /** Enabled SASL mechanisms, in config order; empty for non-SASL listeners. */
  saslMechanisms: readonly SaslMechanism[];
  /** For SSL / SASL_SSL: whether the broker demands a client certificate. */
  clientAuth?: 'none' | 'requested' | 'required';
  /** For SSL / SASL_SSL: which broker certificate it serves (default: the valid one). */
  keystore?: 'default' | 'expired';
  /** How OAUTHBEARER tokens are checked: Kafka's unsecured JWS validator (default) or real JWTs from the harness OIDC server. */
  oauthbearer?: 'unsecured' | 'oidc';
  /** Host advertised to clients when it differs from the bind host (e.g. an unreachable one). */
  advertisedHost?: string;
  /** Port advertised to clients: the bound one (default) or a reserved port nothing listens on. */
  advertisedPort?: 'bound' | 'unused';
  /** Only when the harness can run what it needs (today: a Kerberos KDC for GSSAPI). */
  needs?: 'kerberos';
  /** Extra `listener.name.<name>.*` keys (without the prefix), e.g. connections.max.reauth.ms. */
  extraConfig?: Readonly<Record<string, string>>;
  description: string;
}

export const CONTROLLER_LISTENER = 'CONTROLLER';
/** Listener brokers use to talk to each other. */
export const INTER_BROKER_LISTENER = 'PLAINTEXT';

/** Host in `ADVERTISED_BAD`'s advertised listener: the .invalid TLD never resolves (RFC 6761). */
export const UNRESOLVABLE_HOST = 'kafka-internal.invalid';
/** Session lifetime the `SASL_REAUTH` listener gives every SASL session (KIP-368). */
export const REAUTH_MS = 3000;

/** Listeners every instance (single broker and cluster nodes) has. */
export type BaseListenerName = 'PLAINTEXT' | 'SASL_PLAINTEXT';
/** The client listeners of the default single-node broker. */
export type ListenerName =
  | BaseListenerName
  | 'SSL'
  | 'MTLS'
  | 'SASL_SSL'
  | 'SASL_OIDC'
  | 'SASL_SSL_OIDC'
  | 'SASL_REAUTH'
  | 'SSL_EXPIRED'
  | 'ADVERTISED_BAD'
  | 'ADVERTISED_LOCALHOST';
/** Listeners present only when the machine can support them (see `needs`). */
export type OptionalListenerName = 'SASL_GSSAPI';

const ALL_SASL = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'] as const;

export const LISTENERS: readonly ListenerSpec<ListenerName | OptionalListenerName>[] = [
  { name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', saslMechanisms: [], description: 'no auth, no TLS' },
  {
    name: 'SASL_PLAINTEXT',
    securityProtocol: 'SASL_PLAINTEXT',
    saslMechanisms: ALL_SASL,
    description: 'SASL without TLS; OAUTHBEARER uses the unsecured JWS validator (alg "none" tokens)',
  },
  {
    name: 'SSL',
    securityProtocol: 'SSL',
    saslMechanisms: [],
    clientAuth: 'none',
    description: 'TLS, server auth only',
  },
  {
    name: 'MTLS',
    securityProtocol: 'SSL',
    saslMechanisms: [],
    clientAuth: 'required',
    description: 'TLS requiring a client certificate signed by the harness CA',
  },
  {
    name: 'SASL_SSL',
    securityProtocol: 'SASL_SSL',
    saslMechanisms: ALL_SASL,
    clientAuth: 'none',
    description: 'SASL over TLS; OAUTHBEARER uses the unsecured JWS validator (alg "none" tokens)',
  },
  {
    name: 'SASL_OIDC',
    securityProtocol: 'SASL_PLAINTEXT',
    saslMechanisms: ['OAUTHBEARER'],
    oauthbearer: 'oidc',
    // Sessions last as long as the token (capped at 1 h), so short-lived tokens force a re-auth.
    extraConfig: { 'connections.max.reauth.ms': String(3600_000) },
    description:
      "OAUTHBEARER with RS256 JWTs from the harness OIDC server, checked by Kafka's JWKS validator",
  },
  {
    name: 'SASL_SSL_OIDC',
    securityProtocol: 'SASL_SSL',
    saslMechanisms: ['OAUTHBEARER'],
    clientAuth: 'none',
    oauthbearer: 'oidc',
    extraConfig: { 'connections.max.reauth.ms': String(3600_000) },
    description: 'the same OIDC-validated OAUTHBEARER as SASL_OIDC, over TLS',
  },
  {
    name: 'SASL_REAUTH',
    securityProtocol: 'SASL_PLAINTEXT',
    saslMechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
    extraConfig: { 'connections.max.reauth.ms': String(REAUTH_MS) },
    description: `SASL sessions expire after ${REAUTH_MS} ms (KIP-368 re-authentication)`,
  },
  {
    name: 'SSL_EXPIRED',
    securityProtocol: 'SSL',
    saslMechanisms: [],
    clientAuth: 'none',
    keystore: 'expired',
    description: 'TLS with a broker certificate (same CA) whose notAfter is in the past',
  },
  {
    name: 'ADVERTISED_BAD',
    securityProtocol: 'PLAINTEXT',
    saslMechanisms: [],
    advertisedHost: UNRESOLVABLE_HOST,
    description: `bootstrap works, but Metadata advertises ${UNRESOLVABLE_HOST} (never resolves)`,
  },
  {
    name: 'ADVERTISED_LOCALHOST',
    securityProtocol: 'PLAINTEXT',
    saslMechanisms: [],
    advertisedHost: 'localhost',
    advertisedPort: 'unused',
    description: 'bootstrap works, but Metadata advertises localhost on a port nothing listens on',
  },
  {
    name: 'SASL_GSSAPI',
    securityProtocol: 'SASL_PLAINTEXT',
    saslMechanisms: ['GSSAPI'],
    needs: 'kerberos',
    // Kerberos needs a host name: the service principal is kafka/localhost, so clients must
    // bootstrap to localhost:<port> and Metadata sends them back to localhost too.
    advertisedHost: 'localhost',
    description:
      'Kerberos (GSSAPI) against the harness MIT KDC; service principal kafka/localhost (connect to localhost)',
  },
];

/** The listeners of each node of the `--cluster N` instance. */
export const CLUSTER_LISTENERS: readonly ListenerSpec<BaseListenerName>[] = LISTENERS.filter(
  (l): l is ListenerSpec<BaseListenerName> => l.name === 'PLAINTEXT' || l.name === 'SASL_PLAINTEXT',
);

export function isTls(l: Pick<ListenerSpec, 'securityProtocol'>): boolean {
  return l.securityProtocol === 'SSL' || l.securityProtocol === 'SASL_SSL';
}

/** Name under which a listener's advertised-but-unused port is kept in the state. */
export const unusedPortKey = (listener: string): string => `${listener}@advertised`;
