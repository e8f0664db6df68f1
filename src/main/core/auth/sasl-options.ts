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

export type SaslOptions = PasswordSaslOptions | OAuthBearerSaslOptions;

export type SaslMechanismName = SaslOptions['mechanism'];
