// server.properties and logging config for one KRaft node (broker+controller), generated
// from the listener list. Per-listener settings use `listener.name.<name>.*` keys.
import { join } from 'node:path';
import type { CertPaths } from './certs';
import type { InstanceKind } from './instance-kind';
import type { KafkaFlavor } from './kafka-version';
import {
  CONTROLLER_LISTENER,
  INTER_BROKER_LISTENER,
  isTls,
  unusedPortKey,
  type ListenerSpec,
  type SaslMechanism,
} from './listeners';
import type { NodePaths } from './paths';
import { HOST } from './ports';
import type { InstanceState, NodeState, Users } from './state';

/** Where the SASL_OIDC listener's validator gets keys and what it expects in tokens. */
export interface OidcServerRef {
  jwksUrl: string;
  tokenEndpoint: string;
  issuer: string;
  audience: string;
}

/** The broker's Kerberos identity (GSSAPI listeners). */
export interface KerberosServerRef {
  krb5ConfPath: string;
  serviceKeytab: string;
  servicePrincipal: string;
  serviceName: string;
}

export interface NodeConfigInput {
  flavor: KafkaFlavor;
  state: InstanceState;
  node: NodeState;
  kind: InstanceKind;
  paths: NodePaths;
  certs?: CertPaths;
  oidc?: OidcServerRef;
  kerberos?: KerberosServerRef;
}

/** Class names (the same in Kafka 3.5+ and 4.x). */
const VALIDATOR_CALLBACK_HANDLER =
  'org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler';
/**
 * Kafka 4.1 (KIP-1139) made the validator pluggable. Its default, DefaultJwtValidator, when
 * built by OAuthBearerValidatorCallbackHandler.configure() (no-arg constructor, no key
 * resolver) delegates to ClientJwtValidator, which checks neither signature nor aud/iss: a
 * token signed by any key passed in 4.1.1. Naming BrokerJwtValidator makes the broker fetch
 * the JWKS and verify for real (the harness test proves a forged token is refused).
 */
const BROKER_JWT_VALIDATOR = 'org.apache.kafka.common.security.oauthbearer.BrokerJwtValidator';
const STANDARD_AUTHORIZER = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';
/** Principal of the mTLS client certificate (Kafka's default SSL principal: the subject DN). */
export const MTLS_PRINCIPAL = 'User:CN=brokerscope-client';
/**
 * Super users: everything the broker and the harness itself connect as. PLAINTEXT (also
 * inter-broker and CONTROLLER) and SSL without a client certificate are User:ANONYMOUS.
 */
export const SUPER_USERS = ['User:ANONYMOUS', MTLS_PRINCIPAL];

function portOf(node: NodeState, name: string): number {
  const port = node.ports[name];
  if (port === undefined) throw new Error(`no port allocated for listener ${name}`);
  return port;
}

const jaasQuote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function jaasFor(l: ListenerSpec, mech: SaslMechanism, users: Users, kerberos?: KerberosServerRef): string {
  switch (mech) {
    case 'PLAIN':
      return `org.apache.kafka.common.security.plain.PlainLoginModule required user_${users.plain.username}=${jaasQuote(users.plain.password)};`;
    case 'SCRAM-SHA-256':
    case 'SCRAM-SHA-512':
      // Credentials live in the cluster metadata (created by `storage format --add-scram`).
      return 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    case 'OAUTHBEARER':
      return l.oauthbearer === 'oidc'
        ? 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;'
        : // No server callback handler set: Kafka's unsecured JWS validator (alg "none" tokens).
          'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="broker";';
    case 'GSSAPI':
      if (!kerberos) throw new Error(`listener ${l.name} enables GSSAPI but the harness KDC isn't set up`);
      return [
        'com.sun.security.auth.module.Krb5LoginModule required',
        'useKeyTab=true',
        'storeKey=true',
        'useTicketCache=false',
        `keyTab=${jaasQuote(kerberos.serviceKeytab)}`,
        `principal=${jaasQuote(kerberos.servicePrincipal)};`,
      ].join(' ');
  }
}

function tlsConfig(l: ListenerSpec, certs: CertPaths): Record<string, string> {
  return {
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.location': l.keystore === 'expired' ? certs.expiredKeystorePath : certs.brokerKeystorePath,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': certs.caCertPath,
    'ssl.client.auth': l.clientAuth ?? 'none',
  };
}

function oidcConfig(flavor: KafkaFlavor, oidc: OidcServerRef | undefined): Record<string, string> {
  if (!oidc) throw new Error('a listener validates OAUTHBEARER with OIDC but no OIDC server is set up');
  const pluggable = flavor.major > 4 || (flavor.major === 4 && flavor.minor >= 1);
  return {
    'oauthbearer.sasl.server.callback.handler.class': VALIDATOR_CALLBACK_HANDLER,
    ...(pluggable ? { 'sasl.oauthbearer.jwt.validator.class': BROKER_JWT_VALIDATOR } : {}),
    'sasl.oauthbearer.jwks.endpoint.url': oidc.jwksUrl,
    'sasl.oauthbearer.expected.audience': oidc.audience,
    'sasl.oauthbearer.expected.issuer': oidc.issuer,
    'sasl.oauthbearer.sub.claim.name': 'sub',
    'sasl.oauthbearer.scope.claim.name': 'scope',
  };
}

/** `listener.name.<name>.*` keys for one listener. */
export function listenerConfig(
  l: ListenerSpec,
  input: Pick<NodeConfigInput, 'flavor' | 'state' | 'certs' | 'oidc' | 'kerberos'>,
): Record<string, string> {
  const own: Record<string, string> = {};
  if (isTls(l)) {
    if (!input.certs) throw new Error(`TLS listener ${l.name} but no certificates`);
    Object.assign(own, tlsConfig(l, input.certs));
  }
  if (l.saslMechanisms.length > 0) {
    own['sasl.enabled.mechanisms'] = l.saslMechanisms.join(',');
    for (const mech of l.saslMechanisms)
      own[`${mech.toLowerCase()}.sasl.jaas.config`] = jaasFor(l, mech, input.state.users, input.kerberos);
  }
  if (l.oauthbearer === 'oidc') Object.assign(own, oidcConfig(input.flavor, input.oidc));
  if (l.saslMechanisms.includes('GSSAPI') && input.kerberos)
    own['sasl.kerberos.service.name'] = input.kerberos.serviceName;
  Object.assign(own, l.extraConfig ?? {});
  const prefix = `listener.name.${l.name.toLowerCase()}.`;
  return Object.fromEntries(Object.entries(own).map(([k, v]) => [prefix + k, v]));
}

/** `-D` flags the broker JVM needs for this config (not tuning: always set). */
export function systemProperties(input: Pick<NodeConfigInput, 'oidc' | 'kerberos'>): string[] {
  const flags: string[] = [];
  // Kafka 4.0+ only fetches JWKS / tokens from URLs listed here (CVE-2025-27817); 3.9.1 honours it too.
  if (input.oidc)
    flags.push(
      `-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=${input.oidc.jwksUrl},${input.oidc.tokenEndpoint}`,
    );
  if (input.kerberos) flags.push(`-Djava.security.krb5.conf=${input.kerberos.krb5ConfPath}`);
  return flags;
}

function advertisedEndpoint(l: ListenerSpec, node: NodeState): string {
  const port = portOf(node, l.advertisedPort === 'unused' ? unusedPortKey(l.name) : l.name);
  return `${l.name}://${l.advertisedHost ?? HOST}:${port}`;
}

export function serverProperties(input: NodeConfigInput): string {
  const { flavor, state, node, kind, paths } = input;
  const { listeners } = kind;
  const all = [
    ...listeners.map((l) => ({ name: l.name, protocol: l.securityProtocol })),
    { name: CONTROLLER_LISTENER, protocol: 'PLAINTEXT' },
  ];
  const voters = state.nodes.map((n) => `${n.nodeId}@${HOST}:${portOf(n, CONTROLLER_LISTENER)}`).join(',');
  const rf = String(kind.replicationFactor);
  const minIsr = String(kind.minInsyncReplicas);
  const props: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': String(node.nodeId),
    'controller.quorum.voters': voters,
    'controller.listener.names': CONTROLLER_LISTENER,
    'inter.broker.listener.name': INTER_BROKER_LISTENER,
    listeners: all.map((l) => `${l.name}://${HOST}:${portOf(node, l.name)}`).join(','),
    'advertised.listeners': listeners.map((l) => advertisedEndpoint(l, node)).join(','),
    'listener.security.protocol.map': all.map((l) => `${l.name}:${l.protocol}`).join(','),
    'log.dirs': paths.dataDir,
    'num.partitions': '1',
    'default.replication.factor': rf,
    'min.insync.replicas': minIsr,
    'auto.create.topics.enable': 'true',
    'offsets.topic.replication.factor': rf,
    'offsets.topic.num.partitions': '1',
    'transaction.state.log.replication.factor': rf,
    'transaction.state.log.min.isr': minIsr,
    'transaction.state.log.num.partitions': '1',
    'group.initial.rebalance.delay.ms': '0',
    // Small segments/indexes keep the data dir small; retention keeps it from growing forever.
    'log.segment.bytes': String(64 * 1024 * 1024),
    'log.retention.hours': '24',
    'log.retention.check.interval.ms': '60000',
  };
  if (kind.nodeCount > 1) {
    // A stopped node comes back quickly: don't wait long for the controller to fence it.
    props['broker.session.timeout.ms'] = '6000';
    props['broker.heartbeat.interval.ms'] = '1000';
  }
  if (flavor.major >= 4) {
    props['share.coordinator.state.topic.replication.factor'] = rf;
    props['share.coordinator.state.topic.min.isr'] = minIsr;
  }
  if (kind.authorizer) {
    props['authorizer.class.name'] = STANDARD_AUTHORIZER;
    props['super.users'] = SUPER_USERS.join(';');
    // Only resources with ACLs (the harness's, acls.ts) are restricted.
    props['allow.everyone.if.no.acl.found'] = 'true';
  }
  for (const l of listeners) Object.assign(props, listenerConfig(l, input));

  const lines = [
    `# Generated by harness/broker/config.ts for Kafka ${flavor.version}: regenerated on every start, edits are lost.`,
    `# jvm: ${systemProperties(input).join(' ')}`,
  ];
  for (const [k, v] of Object.entries(props)) lines.push(`${k}=${escapeProperty(v)}`);
  return `${lines.join('\n')}\n`;
}

/** java.util.Properties value escaping (backslashes; leading spaces don't occur here). */
function escapeProperty(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export interface LogConfig {
  path: string;
  text: string;
  /** JVM system property pointing the backend at the file. */
  jvmFlag: string;
}

const PATTERN = '[%d] %p %m (%c)%n';

/** Everything goes to stdout, which the harness redirects into broker.log. */
export function logConfig(flavor: KafkaFlavor, nodeDir: string): LogConfig {
  if (flavor.logging === 'log4j2') {
    const path = join(nodeDir, 'log4j2.properties');
    const text = [
      'status = warn',
      'appender.stdout.type = Console',
      'appender.stdout.name = STDOUT',
      'appender.stdout.layout.type = PatternLayout',
      `appender.stdout.layout.pattern = ${PATTERN}`,
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.stdout.ref = STDOUT',
      'logger.request.name = kafka.request.logger',
      'logger.request.level = WARN',
      '',
    ].join('\n');
    return { path, text, jvmFlag: `-Dlog4j2.configurationFile=${path}` };
  }
  const path = join(nodeDir, 'log4j.properties');
  const text = [
    'log4j.rootLogger=INFO, stdout',
    'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
    'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
    `log4j.appender.stdout.layout.ConversionPattern=${PATTERN}`,
    'log4j.logger.kafka.request.logger=WARN',
    '',
  ].join('\n');
  return { path, text, jvmFlag: `-Dlog4j.configuration=file:${path}` };
}
