/**
 * SASL OAUTHBEARER (RFC 7628, KIP-255): one client message carrying the bearer token and
 * any SASL extensions. When the broker rejects the token it sends a JSON error challenge;
 * the client answers with a lone %x01 and the broker then fails the exchange.
 */
import { SaslAuthenticationError, type MechanismFactory, type SaslSession } from './mechanism';
import { oidcToken } from './oidc-provider';
import type { OAuthBearerSaslOptions } from './sasl-options';

const SEP = '\x01';
const EXTENSION_KEY = /^[A-Za-z]+$/;

export function clientFirstMessage(
  token: string,
  authzid: string | undefined,
  extensions: Record<string, string> = {},
): Buffer {
  const gs2 = `n,${authzid ? `a=${authzid.replace(/=/g, '=3D').replace(/,/g, '=2C')}` : ''},`;
  let kv = `auth=Bearer ${token}${SEP}`;
  for (const [k, v] of Object.entries(extensions)) {
    if (k === 'auth' || !EXTENSION_KEY.test(k))
      throw new SaslAuthenticationError(`SASL extension name "${k}" is not allowed.`, 'SASL_AUTH_FAILED');
    if (
      [...v].some((ch) => {
        const c = ch.charCodeAt(0);
        return (c < 0x20 && c !== 0x09) || c === 0x7f;
      })
    )
      throw new SaslAuthenticationError(
        `SASL extension "${k}" has a control character in its value.`,
        'SASL_AUTH_FAILED',
      );
    kv += `${k}=${v}${SEP}`;
  }
  return Buffer.from(`${gs2}${SEP}${kv}${SEP}`, 'utf8');
}

async function obtainToken(
  o: OAuthBearerSaslOptions,
  info: (d: Record<string, string | number | boolean>) => void,
): Promise<string> {
  if (o.token) {
    info({ tokenSource: 'static' });
    return o.token;
  }
  if (o.tokenProvider) {
    const t = await o.tokenProvider();
    info({ tokenSource: 'provider' });
    return typeof t === 'string' ? t : t.token;
  }
  if (o.oidc) {
    const t = await oidcToken(o.oidc).catch((err: Error) => {
      throw new SaslAuthenticationError(err.message, 'OAUTH_TOKEN_REJECTED');
    });
    info({
      tokenSource: 'oidc',
      fromCache: t.fromCache,
      expiresInS: Math.round((t.expiresAtMs - Date.now()) / 1000),
    });
    return t.token;
  }
  throw new SaslAuthenticationError(
    'OAUTHBEARER needs a token, a tokenProvider or OIDC client credentials.',
    'OAUTH_TOKEN_REJECTED',
  );
}

export const oauthBearerMechanism: MechanismFactory = (options, ctx) => {
  const o = options as OAuthBearerSaslOptions;
  let step = 0;
  let challenge: Record<string, unknown> | null = null;
  const session: SaslSession = {
    rejection: () =>
      challenge && {
        kind: 'OAUTH_TOKEN_REJECTED',
        detail: `the broker rejected the token: ${JSON.stringify(challenge)}`,
      },
    async step(server) {
      step++;
      if (step === 1) {
        const token = await obtainToken(o, ctx.info);
        return clientFirstMessage(token, o.authzid, o.extensions);
      }
      if (step === 2 && server && server.length > 0) {
        // An error challenge: decode it, then acknowledge so the broker ends the exchange.
        const text = Buffer.from(server).toString('utf8');
        try {
          challenge = JSON.parse(text) as Record<string, unknown>;
        } catch {
          challenge = { raw: text.slice(0, 200) };
        }
        const status = String(challenge.status ?? 'unknown');
        ctx.info({ challengeStatus: status });
        return Buffer.from(SEP);
      }
      return null;
    },
  };
  return session;
};
