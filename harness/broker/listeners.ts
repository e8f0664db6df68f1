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
  /** Host advertised to clients when it differs from the bind host (e.g. an unreachable one). */
  advertisedHost?: string;
  /** Extra `listener.name.<name>.*` keys (without the prefix), e.g. connections.max.reauth.ms. */
  extraConfig?: Readonly<Record<string, string>>;
  description: string;
}

export const CONTROLLER_LISTENER = 'CONTROLLER';
/** Listener brokers use to talk to each other. */
export const INTER_BROKER_LISTENER = 'PLAINTEXT';

/** The client listeners of the default single-node broker. */
export type ListenerName = 'PLAINTEXT' | 'SASL_PLAINTEXT' | 'SSL' | 'MTLS' | 'SASL_SSL';

export const LISTENERS: readonly ListenerSpec<ListenerName>[] = [
  { name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', saslMechanisms: [], description: 'no auth, no TLS' },
  {
    name: 'SASL_PLAINTEXT',
    securityProtocol: 'SASL_PLAINTEXT',
    saslMechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
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
    saslMechanisms: ['SCRAM-SHA-512'],
    clientAuth: 'none',
    description: 'SCRAM-SHA-512 over TLS',
  },
];

export function isTls(l: Pick<ListenerSpec, 'securityProtocol'>): boolean {
  return l.securityProtocol === 'SSL' || l.securityProtocol === 'SASL_SSL';
}
