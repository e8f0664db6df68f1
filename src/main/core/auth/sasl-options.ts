/** SASL settings per mechanism. These objects hold secrets: they never enter events. */
export interface PasswordSaslOptions {
  mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
  username: string;
  password: string;
  /** PLAIN only: the identity to act as (usually empty). */
  authzid?: string;
}

/** What an OAUTHBEARER token provider returns: the token, and when it expires if known. */
export type OAuthToken = string | { token: string; expiresAtMs?: number };

export interface OidcClientCredentials {
  /** The identity provider's token endpoint (client-credentials grant). */
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

export interface OAuthBearerSaslOptions {
  mechanism: 'OAUTHBEARER';
  /** A static token… */
  token?: string;
  /** …or a function that returns one (called at each authentication)… */
  tokenProvider?: () => Promise<OAuthToken>;
  /** …or an OIDC client-credentials flow, with tokens cached and refreshed before they expire. */
  oidc?: OidcClientCredentials;
  /** SASL extensions (KIP-342), sent as key=value pairs. */
  extensions?: Record<string, string>;
  authzid?: string;
}

/**
 * SASL GSSAPI (Kerberos v5, RFC 4752) through the optional `kerberos` package. Credentials
 * come from a keytab, a ticket cache (kinit), or the environment's defaults. See docs/gssapi.md.
 */
export interface GssapiSaslOptions {
  mechanism: 'GSSAPI';
  /** The broker's Kerberos service name (its sasl.kerberos.service.name); default "kafka". */
  serviceName?: string;
  /** Host part of the broker's service principal (serviceName/host@REALM); default: the connection's host. */
  serviceHost?: string;
  /** Client principal, e.g. "alice@EXAMPLE.COM"; default: the keytab's first principal, or the ticket cache's. */
  principal?: string;
  /** Keytab to get tickets from (no kinit needed); tickets then live in a private in-memory cache. */
  keytab?: string;
  /** Credential cache to use (e.g. "FILE:/tmp/krb5cc_1000", "KEYRING:persistent:1000"); default KRB5CCNAME or the system's. */
  ticketCache?: string;
  /** krb5.conf to use instead of KRB5_CONFIG / /etc/krb5.conf. */
  krb5ConfPath?: string;
  /** Authorization id sent in the last message (RFC 4752); default empty: act as the authenticated principal. */
  authzid?: string;
}

export type SaslOptions = PasswordSaslOptions | OAuthBearerSaslOptions | GssapiSaslOptions;

export type SaslMechanismName = SaslOptions['mechanism'];
