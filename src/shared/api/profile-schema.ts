/**
 * A connection profile: where the cluster is and how to reach it. Secrets (passwords,
 * tokens, pasted private keys, passphrases) are never part of a profile: they travel in
 * SecretsInput on the way in, live in the secret store, and come back only as booleans.
 */
import { z } from 'zod';

export const securityProtocols = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export const passwordMechanisms = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export const saslMechanisms = [...passwordMechanisms, 'OAUTHBEARER', 'GSSAPI'] as const;

/** host:port, [ipv6]:port, or a host alone (port 9092). */
const BOOTSTRAP_ENTRY = /^(\[[0-9A-Fa-f:.]+\]|[^\s:,[\]/]+)(:\d{1,5})?$/;

const nonEmpty = z.string().trim().min(1);

export const CertSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path: nonEmpty }),
  z.strictObject({
    kind: z.literal('pem'),
    pem: z.string().includes('-----BEGIN', { message: 'expected PEM text (-----BEGIN …)' }),
  }),
]);

/** A private key: a file, or pasted PEM kept in the secret store (secrets.tlsKeyPem). */
export const KeySourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path: nonEmpty }),
  z.strictObject({ kind: z.literal('pem-secret') }),
]);

export const TlsSettingsSchema = z
  .strictObject({
    /** Trust this CA instead of the system store; null: the system store. */
    ca: CertSourceSchema.nullable().default(null),
    cert: CertSourceSchema.nullable().default(null),
    key: KeySourceSchema.nullable().default(null),
    /** PKCS#12 bundle (client certificate and key) instead of cert + key; passphrase in secrets. */
    pkcs12Path: nonEmpty.nullable().default(null),
    servername: nonEmpty.nullable().default(null),
    verifyHostname: z.boolean().default(true),
    verifyCertificate: z.boolean().default(true),
  })
  .superRefine((tls, ctx) => {
    if ((tls.cert === null) !== (tls.key === null)) {
      ctx.addIssue({
        code: 'custom',
        path: [tls.cert ? 'key' : 'cert'],
        message: 'a client certificate needs both cert and key',
      });
    }
    if (tls.pkcs12Path !== null && tls.cert !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['pkcs12Path'],
        message: 'give either a PKCS#12 bundle or cert + key, not both',
      });
    }
  });

export const OAuthSettingsSchema = z.discriminatedUnion('mode', [
  /** A fixed token, kept in secrets.oauthToken. */
  z.strictObject({ mode: z.literal('static') }),
  /** OIDC client credentials; the client secret is kept in secrets.oidcClientSecret. */
  z.strictObject({
    mode: z.literal('oidc'),
    tokenEndpoint: z.url({ protocol: /^https?$/ }),
    clientId: nonEmpty,
    scope: z.string().trim().nullable().default(null),
  }),
]);

export const SaslSettingsSchema = z.discriminatedUnion('mechanism', [
  z.strictObject({ mechanism: z.literal('PLAIN'), username: nonEmpty }),
  z.strictObject({ mechanism: z.literal('SCRAM-SHA-256'), username: nonEmpty }),
  z.strictObject({ mechanism: z.literal('SCRAM-SHA-512'), username: nonEmpty }),
  z.strictObject({ mechanism: z.literal('OAUTHBEARER'), oauth: OAuthSettingsSchema }),
  /** Kerberos: tickets from a keytab (no kinit) or an existing ticket cache. No secret is stored. */
  z.strictObject({
    mechanism: z.literal('GSSAPI'),
    /** The broker's sasl.kerberos.service name. */
    serviceName: nonEmpty.default('kafka'),
    /** Host part of the service principal; null: the host the client connects to. */
    serviceHost: z.string().trim().min(1).nullable().default(null),
    principal: z.string().trim().min(1).nullable().default(null),
    keytabPath: z.string().trim().min(1).nullable().default(null),
    ticketCache: z.string().trim().min(1).nullable().default(null),
    krb5ConfPath: z.string().trim().min(1).nullable().default(null),
  }),
]);

const ms = z.number().int().min(1).max(3_600_000);

export const TimeoutsSchema = z.strictObject({
  connectTimeoutMs: ms.optional(),
  requestTimeoutMs: ms.optional(),
  /** Close a connection idle this long; absent: never. */
  maxIdleMs: ms.optional(),
});

const profileFieldsShape = {
  name: nonEmpty.max(200),
  bootstrapServers: z
    .array(nonEmpty.regex(BOOTSTRAP_ENTRY, { message: 'expected host:port (one server per entry)' }))
    .min(1, { message: 'at least one bootstrap server' })
    .max(100),
  clientId: z.string().max(255).default('brokerscope'),
  securityProtocol: z.enum(securityProtocols),
  sasl: SaslSettingsSchema.nullable().default(null),
  /** Used with SSL and SASL_SSL only; null there means: verify against the system store. */
  tls: TlsSettingsSchema.nullable().default(null),
  timeouts: TimeoutsSchema.default({}),
  tagIds: z.array(nonEmpty).max(50).default([]),
};

function checkSecurity(p: { securityProtocol: string; sasl: unknown }, ctx: z.RefinementCtx): void {
  const usesSasl = p.securityProtocol === 'SASL_PLAINTEXT' || p.securityProtocol === 'SASL_SSL';
  if (usesSasl && p.sasl === null)
    ctx.addIssue({ code: 'custom', path: ['sasl'], message: `${p.securityProtocol} needs a SASL mechanism` });
  if (!usesSasl && p.sasl !== null)
    ctx.addIssue({
      code: 'custom',
      path: ['sasl'],
      message: `${p.securityProtocol} does not use SASL: set sasl to null`,
    });
}

/** The editable part of a profile (what the renderer sends to create or update one). */
export const ProfileFieldsSchema = z.strictObject(profileFieldsShape).superRefine(checkSecurity);

export const secretFields = [
  'saslPassword',
  'oauthToken',
  'oidcClientSecret',
  'tlsKeyPem',
  'tlsKeyPassphrase',
  'pkcs12Passphrase',
] as const;
export type SecretField = (typeof secretFields)[number];

/** Per field: a string sets it, null clears it, absent keeps what is stored. */
export const SecretsInputSchema = z.strictObject(
  Object.fromEntries(
    secretFields.map((f) => [f, z.string().min(1).max(1_000_000).nullable().optional()]),
  ) as Record<SecretField, z.ZodOptional<z.ZodNullable<z.ZodString>>>,
);

/** Which secrets are stored for a profile; their values never leave the main process. */
export const SecretsSetSchema = z.strictObject(
  Object.fromEntries(secretFields.map((f) => [f, z.boolean()])) as Record<SecretField, z.ZodBoolean>,
);

export const ProfileIdSchema = z.string().min(1).max(100);

const identity = { id: ProfileIdSchema, createdAt: z.number(), updatedAt: z.number() };

/** A profile as stored (without secrets). */
export const StoredProfileSchema = z
  .strictObject({ ...profileFieldsShape, ...identity })
  .superRefine(checkSecurity);

/** A profile as the renderer sees it. */
export const ProfileSchema = z.object({ ...profileFieldsShape, ...identity, secretsSet: SecretsSetSchema });

export const TagSchema = z.strictObject({
  id: nonEmpty.max(100),
  name: nonEmpty.max(50),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'expected a colour like #16a34a' }),
});

export const DEFAULT_TAGS: Tag[] = [
  { id: 'dev', name: 'dev', color: '#16a34a' },
  { id: 'staging', name: 'staging', color: '#d97706' },
  { id: 'prod', name: 'prod', color: '#dc2626' },
];

export type ProfileFields = z.output<typeof ProfileFieldsSchema>;
export type ProfileFieldsInput = z.input<typeof ProfileFieldsSchema>;
export type StoredProfile = z.output<typeof StoredProfileSchema>;
export type Profile = z.output<typeof ProfileSchema>;
export type SecretsInput = z.output<typeof SecretsInputSchema>;
export type SecretsSet = z.output<typeof SecretsSetSchema>;
export type Tag = z.output<typeof TagSchema>;
export type TlsSettings = z.output<typeof TlsSettingsSchema>;
export type SaslSettings = z.output<typeof SaslSettingsSchema>;
/** The stored secrets of one profile (main process only). */
export type ProfileSecrets = Partial<Record<SecretField, string>>;
