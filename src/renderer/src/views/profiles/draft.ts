/**
 * The profile form's working copy: flat, string-friendly fields, turned into the contract's
 * ProfileFieldsInput and SecretsInput on save, and checked with the contract's own schema so
 * the form shows the same errors the main process would give, next to the field.
 */
import {
  ProfileFieldsSchema,
  saslMechanisms,
  secretFields,
  type ProfileFieldsInput,
  type SecretField,
  type SecretsInput,
} from '@shared/api/profile-schema';
import type { Profile } from '@shared/api/contract';

export type SecurityProtocol = ProfileFieldsInput['securityProtocol'];
export type Mechanism = (typeof saslMechanisms)[number];
export type CaMode = 'system' | 'file' | 'pem';
export type ClientCertMode = 'none' | 'files' | 'pem' | 'pkcs12';

export type SecretEdit = { kind: 'keep' } | { kind: 'set'; value: string } | { kind: 'clear' };

export interface Draft {
  name: string;
  bootstrap: string;
  clientId: string;
  securityProtocol: SecurityProtocol;
  tagIds: string[];
  mechanism: Mechanism;
  username: string;
  oauthMode: 'static' | 'oidc';
  tokenEndpoint: string;
  oidcClientId: string;
  scope: string;
  serviceName: string;
  serviceHost: string;
  principal: string;
  keytabPath: string;
  ticketCache: string;
  krb5ConfPath: string;
  caMode: CaMode;
  caPath: string;
  caPem: string;
  clientCertMode: ClientCertMode;
  certPath: string;
  keyPath: string;
  certPem: string;
  pkcs12Path: string;
  servername: string;
  verifyHostname: boolean;
  verifyCertificate: boolean;
  connectTimeoutMs: string;
  requestTimeoutMs: string;
  maxIdleMs: string;
  secrets: Record<SecretField, SecretEdit>;
}

export type DraftKey = Exclude<keyof Draft, 'secrets' | 'tagIds'> | SecretField | 'tagIds';
export type DraftErrors = Partial<Record<DraftKey | 'form', string>>;

export const usesSasl = (p: SecurityProtocol): boolean => p === 'SASL_PLAINTEXT' || p === 'SASL_SSL';
export const usesTls = (p: SecurityProtocol): boolean => p === 'SSL' || p === 'SASL_SSL';

const keepAll = (): Record<SecretField, SecretEdit> =>
  Object.fromEntries(secretFields.map((f) => [f, { kind: 'keep' } as SecretEdit])) as Record<SecretField, SecretEdit>;

export function emptyDraft(): Draft {
  return {
    name: '',
    bootstrap: '',
    clientId: 'brokerscope',
    securityProtocol: 'PLAINTEXT',
    tagIds: [],
    mechanism: 'SCRAM-SHA-512',
    username: '',
    oauthMode: 'static',
    tokenEndpoint: '',
    oidcClientId: '',
    scope: '',
    serviceName: 'kafka',
    serviceHost: '',
    principal: '',
    keytabPath: '',
    ticketCache: '',
    krb5ConfPath: '',
    caMode: 'system',
    caPath: '',
    caPem: '',
    clientCertMode: 'none',
    certPath: '',
    keyPath: '',
    certPem: '',
    pkcs12Path: '',
    servername: '',
    verifyHostname: true,
    verifyCertificate: true,
    connectTimeoutMs: '',
    requestTimeoutMs: '',
    maxIdleMs: '',
    secrets: keepAll(),
  };
}

const str = (v: number | undefined): string => (v === undefined ? '' : String(v));

export function draftFromProfile(p: Profile, copy = false): Draft {
  const d = emptyDraft();
  d.name = copy ? `${p.name} (copy)` : p.name;
  d.bootstrap = p.bootstrapServers.join('\n');
  d.clientId = p.clientId;
  d.securityProtocol = p.securityProtocol;
  d.tagIds = [...p.tagIds];
  const s = p.sasl;
  if (s) {
    d.mechanism = s.mechanism;
    if (s.mechanism === 'OAUTHBEARER') {
      d.oauthMode = s.oauth.mode;
      if (s.oauth.mode === 'oidc') {
        d.tokenEndpoint = s.oauth.tokenEndpoint;
        d.oidcClientId = s.oauth.clientId;
        d.scope = s.oauth.scope ?? '';
      }
    } else if (s.mechanism === 'GSSAPI') {
      d.serviceName = s.serviceName;
      d.serviceHost = s.serviceHost ?? '';
      d.principal = s.principal ?? '';
      d.keytabPath = s.keytabPath ?? '';
      d.ticketCache = s.ticketCache ?? '';
      d.krb5ConfPath = s.krb5ConfPath ?? '';
    } else {
      d.username = s.username;
    }
  }
  const t = p.tls;
  if (t) {
    if (t.ca?.kind === 'file') [d.caMode, d.caPath] = ['file', t.ca.path];
    else if (t.ca?.kind === 'pem') [d.caMode, d.caPem] = ['pem', t.ca.pem];
    if (t.pkcs12Path) [d.clientCertMode, d.pkcs12Path] = ['pkcs12', t.pkcs12Path];
    else if (t.cert) {
      d.clientCertMode = t.key?.kind === 'pem-secret' ? 'pem' : 'files';
      if (t.cert.kind === 'file') d.certPath = t.cert.path;
      else d.certPem = t.cert.pem;
      if (t.key?.kind === 'file') d.keyPath = t.key.path;
    }
    d.servername = t.servername ?? '';
    d.verifyHostname = t.verifyHostname;
    d.verifyCertificate = t.verifyCertificate;
  }
  d.connectTimeoutMs = str(p.timeouts.connectTimeoutMs);
  d.requestTimeoutMs = str(p.timeouts.requestTimeoutMs);
  d.maxIdleMs = str(p.timeouts.maxIdleMs);
  return d;
}

const orNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());

export function bootstrapList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function saslOf(d: Draft): ProfileFieldsInput['sasl'] {
  if (!usesSasl(d.securityProtocol)) return null;
  switch (d.mechanism) {
    case 'OAUTHBEARER':
      return {
        mechanism: 'OAUTHBEARER',
        oauth:
          d.oauthMode === 'static'
            ? { mode: 'static' }
            : { mode: 'oidc', tokenEndpoint: d.tokenEndpoint.trim(), clientId: d.oidcClientId.trim(), scope: orNull(d.scope) },
      };
    case 'GSSAPI':
      return {
        mechanism: 'GSSAPI',
        serviceName: d.serviceName.trim() || 'kafka',
        serviceHost: orNull(d.serviceHost),
        principal: orNull(d.principal),
        keytabPath: orNull(d.keytabPath),
        ticketCache: orNull(d.ticketCache),
        krb5ConfPath: orNull(d.krb5ConfPath),
      };
    default:
      return { mechanism: d.mechanism, username: d.username.trim() };
  }
}

function tlsOf(d: Draft): ProfileFieldsInput['tls'] {
  if (!usesTls(d.securityProtocol)) return null;
  const ca = d.caMode === 'file' ? { kind: 'file' as const, path: d.caPath } : d.caMode === 'pem' ? { kind: 'pem' as const, pem: d.caPem } : null;
  let cert = null;
  let key = null;
  if (d.clientCertMode === 'files') {
    cert = { kind: 'file' as const, path: d.certPath };
    key = { kind: 'file' as const, path: d.keyPath };
  } else if (d.clientCertMode === 'pem') {
    cert = { kind: 'pem' as const, pem: d.certPem };
    key = { kind: 'pem-secret' as const };
  }
  return {
    ca,
    cert,
    key,
    pkcs12Path: d.clientCertMode === 'pkcs12' ? d.pkcs12Path : null,
    servername: orNull(d.servername),
    verifyHostname: d.verifyHostname,
    verifyCertificate: d.verifyCertificate,
  };
}

function timeout(v: string): number | undefined {
  const t = v.trim();
  return t === '' ? undefined : Number(t);
}

export function toFields(d: Draft): ProfileFieldsInput {
  const timeouts: Record<string, number> = {};
  for (const k of ['connectTimeoutMs', 'requestTimeoutMs', 'maxIdleMs'] as const) {
    const v = timeout(d[k]);
    if (v !== undefined) timeouts[k] = v;
  }
  return {
    name: d.name.trim(),
    bootstrapServers: bootstrapList(d.bootstrap),
    clientId: d.clientId,
    securityProtocol: d.securityProtocol,
    sasl: saslOf(d),
    tls: tlsOf(d),
    timeouts,
    tagIds: d.tagIds,
  };
}

/** Which secrets the current settings use (others are cleared on save if stored). */
export function secretsInUse(d: Draft): Set<SecretField> {
  const used = new Set<SecretField>();
  if (usesSasl(d.securityProtocol)) {
    if (d.mechanism === 'OAUTHBEARER') used.add(d.oauthMode === 'static' ? 'oauthToken' : 'oidcClientSecret');
    else if (d.mechanism !== 'GSSAPI') used.add('saslPassword');
  }
  if (usesTls(d.securityProtocol)) {
    if (d.clientCertMode === 'pem') used.add('tlsKeyPem');
    if (d.clientCertMode === 'pem' || d.clientCertMode === 'files') used.add('tlsKeyPassphrase');
    if (d.clientCertMode === 'pkcs12') used.add('pkcs12Passphrase');
  }
  return used;
}

/** The secrets part of the save: new values, removals, and stored ones the settings no longer use. */
export function toSecrets(d: Draft, stored: Partial<Record<SecretField, boolean>>): SecretsInput | undefined {
  const used = secretsInUse(d);
  const out: SecretsInput = {};
  for (const f of secretFields) {
    const e = d.secrets[f];
    if (used.has(f) && e.kind === 'set' && e.value !== '') out[f] = e.value;
    else if (e.kind === 'clear' || (!used.has(f) && stored[f])) out[f] = null;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function hasNewSecrets(s: SecretsInput | undefined): boolean {
  return !!s && Object.values(s).some((v) => typeof v === 'string');
}

/** A contract issue path (profile.tls.ca.path, sasl.username …) → the form field it belongs to. */
export function fieldOfPath(path: string): DraftKey | 'form' {
  const p = path.replace(/^(profile|params)\./, '');
  const table: [RegExp, DraftKey][] = [
    [/^name/, 'name'],
    [/^bootstrapServers/, 'bootstrap'],
    [/^clientId/, 'clientId'],
    [/^securityProtocol/, 'securityProtocol'],
    [/^sasl\.username/, 'username'],
    [/^sasl\.password/, 'saslPassword'],
    [/^sasl\.oauth\.tokenEndpoint/, 'tokenEndpoint'],
    [/^sasl\.oauth\.clientId/, 'oidcClientId'],
    [/^sasl\.oauth\.clientSecret/, 'oidcClientSecret'],
    [/^sasl\.oauth\.token/, 'oauthToken'],
    [/^sasl\.oauth\.scope/, 'scope'],
    [/^sasl\.serviceName/, 'serviceName'],
    [/^sasl\.serviceHost/, 'serviceHost'],
    [/^sasl\.principal/, 'principal'],
    [/^sasl\.keytabPath/, 'keytabPath'],
    [/^sasl\.ticketCache/, 'ticketCache'],
    [/^sasl\.krb5ConfPath/, 'krb5ConfPath'],
    [/^sasl/, 'mechanism'],
    [/^tls\.ca\.pem/, 'caPem'],
    [/^tls\.ca/, 'caPath'],
    [/^tls\.cert\.pem/, 'certPem'],
    [/^tls\.cert/, 'certPath'],
    [/^tls\.key/, 'keyPath'],
    [/^tls\.pkcs12Path/, 'pkcs12Path'],
    [/^tls\.servername/, 'servername'],
    [/^timeouts\.connectTimeoutMs/, 'connectTimeoutMs'],
    [/^timeouts\.requestTimeoutMs/, 'requestTimeoutMs'],
    [/^timeouts\.maxIdleMs/, 'maxIdleMs'],
    [/^tagIds/, 'tagIds'],
  ];
  return table.find(([re]) => re.test(p))?.[1] ?? 'form';
}

const TIMEOUT_KEYS = ['connectTimeoutMs', 'requestTimeoutMs', 'maxIdleMs'] as const;

/** zod's generic wording, said the way a form says it. */
function friendly(issue: { code: string; message: string; minimum?: unknown; maximum?: unknown; format?: string; origin?: string }): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'required';
  if (issue.code === 'too_big' && issue.origin === 'number') return `at most ${String(issue.maximum)} ms (one hour)`;
  if (issue.code === 'too_small' && issue.origin === 'number') return `at least ${String(issue.minimum)}`;
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'expected an http(s) URL';
  return issue.message;
}

/** Checks the draft with the contract's schema, plus what only the form knows (secrets, numbers). */
export function validate(d: Draft, stored: Partial<Record<SecretField, boolean>>): DraftErrors {
  const errors: DraftErrors = {};
  for (const k of TIMEOUT_KEYS) {
    const v = d[k].trim();
    if (v !== '' && !/^\d+$/.test(v)) errors[k] = 'a whole number of milliseconds';
  }
  const parsed = ProfileFieldsSchema.safeParse(toFields(d));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = fieldOfPath(issue.path.map(String).join('.'));
      const message = friendly(issue);
      if (key === 'certPath' && d.clientCertMode === 'pem') errors.certPem ??= message;
      else errors[key] ??= message;
    }
  }
  if (d.clientCertMode === 'pem' && d.certPem.trim() !== '' && !d.certPem.includes('-----BEGIN CERTIFICATE')) {
    errors.certPem ??= 'expected a PEM certificate (-----BEGIN CERTIFICATE-----)';
  }
  // A secret the settings need must be stored already or entered now.
  const used = secretsInUse(d);
  const need: [SecretField, string][] = [
    ['saslPassword', 'enter the password'],
    ['oauthToken', 'enter the token'],
    ['oidcClientSecret', 'enter the client secret'],
    ['tlsKeyPem', 'paste the private key'],
  ];
  for (const [f, msg] of need) {
    if (!used.has(f)) continue;
    const e = d.secrets[f];
    const present = (e.kind === 'set' && e.value !== '') || (e.kind === 'keep' && stored[f]);
    if (!present) errors[f] = msg;
  }
  const key = d.secrets.tlsKeyPem;
  if (used.has('tlsKeyPem') && key.kind === 'set' && key.value !== '' && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.value)) {
    errors.tlsKeyPem = 'expected a PEM private key (-----BEGIN … PRIVATE KEY-----)';
  }
  return errors;
}
