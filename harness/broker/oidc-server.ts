// The harness OIDC server: a tiny http server on 127.0.0.1 that Kafka's JWT validator (the
// SASL_OIDC listener) fetches its JWKS from and tests get tokens from. Run as a detached
// process by oidc.ts: `node --import tsx oidc-server.ts <config.json>`. No dependencies.
//
//   GET  /jwks                               {"keys":[<RSA public key as JWK, with kid>]}
//   GET  /.well-known/openid-configuration   issuer, token_endpoint, jwks_uri
//   POST /token[?lifetime=S]                 client_credentials grant; client id/secret by HTTP
//        Basic (or client_id/client_secret form fields); `scope` honoured; RS256 JWT with
//        iss, aud, sub=client id, scope, iat, nbf, exp. Lifetime: the client's (3600 s; the
//        short-lived client 5 s) unless `lifetime` (query or form, 1..86400 s) says otherwise.
//        Wrong client or secret: 401 {"error":"invalid_client"}.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface OidcServerConfig {
  host: string;
  port: number;
  issuer: string;
  audience: string;
  kid: string;
  privateKeyPath: string;
  /** Public key as a JWK (kty, n, e). */
  publicJwk: Record<string, string>;
  defaultScope: string;
  clients: { clientId: string; clientSecret: string; lifetimeSeconds: number }[];
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export function signRs256(header: object, claims: object, key: KeyObject): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  // RFC 6749 2.3.1: id and secret are form-urlencoded before going into Basic.
  const unform = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
  return { id: unform(decoded.slice(0, i)), secret: unform(decoded.slice(i + 1)) };
}

export function startOidcServer(cfg: OidcServerConfig): ReturnType<typeof createServer> {
  const key = createPrivateKey(readFileSync(cfg.privateKeyPath));
  const jwks = { keys: [{ ...cfg.publicJwk, kid: cfg.kid, use: 'sig', alg: 'RS256' }] };
  const base = `http://${cfg.host}:${cfg.port}`;

  async function token(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const creds = basicCredentials(req) ?? {
      id: form.get('client_id') ?? '',
      secret: form.get('client_secret') ?? '',
    };
    const client = cfg.clients.find((c) => c.clientId === creds.id);
    if (!client || client.clientSecret !== creds.secret) {
      send(
        res,
        401,
        { error: 'invalid_client', error_description: 'unknown client or wrong secret' },
        {
          'www-authenticate': 'Basic realm="brokerscope-oidc"',
        },
      );
      return;
    }
    if (form.get('grant_type') !== 'client_credentials') {
      send(res, 400, { error: 'unsupported_grant_type', error_description: 'only client_credentials' });
      return;
    }
    const asked = Number(url.searchParams.get('lifetime') ?? form.get('lifetime') ?? client.lifetimeSeconds);
    if (!Number.isInteger(asked) || asked < 1 || asked > 86_400) {
      send(res, 400, { error: 'invalid_request', error_description: 'lifetime must be 1..86400 seconds' });
      return;
    }
    const scope = form.get('scope')?.trim() || cfg.defaultScope;
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: cfg.issuer,
      aud: cfg.audience,
      sub: client.clientId,
      client_id: client.clientId,
      scope,
      iat: now,
      nbf: now,
      exp: now + asked,
      jti: `${now}-${Math.random().toString(36).slice(2)}`,
    };
    const accessToken = signRs256({ alg: 'RS256', typ: 'JWT', kid: cfg.kid }, claims, key);
    send(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: asked, scope });
  }

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    res.on('finish', () =>
      process.stdout.write(
        `[oidc] ${new Date().toISOString()} ${req.method} ${url.pathname} ${res.statusCode}\n`,
      ),
    );
    const route = `${req.method} ${url.pathname}`;
    const fail = (e: unknown): void => {
      if (!res.headersSent) send(res, 400, { error: 'invalid_request', error_description: String(e) });
    };
    switch (route) {
      case 'GET /jwks':
        send(res, 200, jwks);
        return;
      case 'GET /.well-known/openid-configuration':
        send(res, 200, {
          issuer: cfg.issuer,
          token_endpoint: `${base}/token`,
          jwks_uri: `${base}/jwks`,
          grant_types_supported: ['client_credentials'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
        return;
      case 'POST /token':
        token(req, res, url).catch(fail);
        return;
      default:
        send(res, 404, { error: 'not_found' });
    }
  });
}

function main(): void {
  const configPath = process.argv[2];
  if (!configPath) throw new Error('usage: oidc-server.ts <config.json>');
  const cfg = JSON.parse(readFileSync(configPath, 'utf8')) as OidcServerConfig;
  const server = startOidcServer(cfg);
  server.listen({ host: cfg.host, port: cfg.port, exclusive: true }, () =>
    process.stdout.write(`[oidc] listening on http://${cfg.host}:${cfg.port} (issuer ${cfg.issuer})\n`),
  );
  const stop = (): void => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) main();
