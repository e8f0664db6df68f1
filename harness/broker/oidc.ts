// The harness side of the OIDC server (oidc-server.ts): its RSA signing key (made once with
// node:crypto, kept across restarts so issued tokens stay valid), its config, and running it
// as a detached process before the broker (Kafka's JWT validator fetches the JWKS at start).
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { OidcServerConfig } from './oidc-server';
import type { InstancePaths } from './paths';
import { HOST } from './ports';
import { isOurProcess, readPid, removeFile, spawnDetachedCommand, stopProcess } from './process';
import type { InstanceState } from './state';
import { HarnessError } from './tools';
import { sleep, tailLines, tcpAccepts } from './wait';

export const OIDC_AUDIENCE = 'brokerscope-kafka';
export const OIDC_SCOPE = 'kafka';

/** What a test needs to get a token and what the broker checks (info JSON `oidc`). */
export interface OidcInfo {
  tokenEndpoint: string;
  jwksUrl: string;
  issuer: string;
  audience: string;
  clientId: string;
  clientSecret: string;
  /** Scope granted when the token request names none. */
  scope: string;
  /** Lifetime of clientId's tokens, seconds. `POST tokenEndpoint?lifetime=S` overrides it per token. */
  lifetimeSeconds: number;
  /** A second client whose tokens live only a few seconds (to exercise re-authentication). */
  shortLived: { clientId: string; clientSecret: string; lifetimeSeconds: number };
  /** Principal claim Kafka takes the user name from (the token's sub is the client id). */
  principalClaim: 'sub';
  pid: number;
  logPath: string;
}

export interface OidcPaths {
  dir: string;
  keyPath: string;
  configPath: string;
  pidPath: string;
  logPath: string;
}

export function oidcPaths(paths: InstancePaths): OidcPaths {
  const dir = paths.oidcDir;
  return {
    dir,
    keyPath: join(dir, 'signing-key.pem'),
    configPath: join(dir, 'oidc-server.json'),
    pidPath: join(dir, 'oidc.pid'),
    logPath: join(dir, 'oidc.log'),
  };
}

function port(state: InstanceState): number {
  const p = state.servicePorts.OIDC;
  if (p === undefined) throw new Error('no port allocated for the OIDC server');
  return p;
}

export function oidcEndpoints(state: InstanceState): {
  issuer: string;
  tokenEndpoint: string;
  jwksUrl: string;
} {
  const base = `http://${HOST}:${port(state)}`;
  return { issuer: base, tokenEndpoint: `${base}/token`, jwksUrl: `${base}/jwks` };
}

/** RSA-2048 key (made on first use) and its public JWK; kid is the RFC 7638 thumbprint. */
function ensureKey(op: OidcPaths): { kid: string; publicJwk: Record<string, string> } {
  mkdirSync(op.dir, { recursive: true });
  if (!existsSync(op.keyPath)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(op.keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const jwk = createPublicKey(readFileSync(op.keyPath)).export({ format: 'jwk' });
  const publicJwk = { kty: String(jwk.kty), n: String(jwk.n), e: String(jwk.e) };
  const kid = createHash('sha256')
    .update(JSON.stringify({ e: publicJwk.e, kty: publicJwk.kty, n: publicJwk.n }))
    .digest('base64url');
  return { kid, publicJwk };
}

const serverScript = fileURLToPath(new URL('./oidc-server.ts', import.meta.url));

/** `--import <tsx loader>` so plain node runs the TypeScript server (no build step, no shell). */
function tsxImport(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(require.resolve('tsx')).href;
}

export function oidcPid(paths: InstancePaths): number | undefined {
  const op = oidcPaths(paths);
  const pid = readPid(op.pidPath);
  return isOurProcess(pid, op.configPath) ? pid : undefined;
}

export function oidcInfo(paths: InstancePaths, state: InstanceState, pid: number): OidcInfo {
  const { client, shortLivedClient } = state.oidc;
  return {
    ...oidcEndpoints(state),
    audience: OIDC_AUDIENCE,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    scope: OIDC_SCOPE,
    lifetimeSeconds: client.lifetimeSeconds,
    shortLived: { ...shortLivedClient },
    principalClaim: 'sub',
    pid,
    logPath: oidcPaths(paths).logPath,
  };
}

/** Starts the OIDC server unless it already runs; resolves once its JWKS is served. */
export async function ensureOidcServer(
  paths: InstancePaths,
  state: InstanceState,
  log: (m: string) => void,
): Promise<number> {
  const running = oidcPid(paths);
  if (running !== undefined && (await tcpAccepts(HOST, port(state)))) return running;
  if (running !== undefined) await stopOidcServer(paths);
  const op = oidcPaths(paths);
  const { kid, publicJwk } = ensureKey(op);
  const { issuer } = oidcEndpoints(state);
  const cfg: OidcServerConfig = {
    host: HOST,
    port: port(state),
    issuer,
    audience: OIDC_AUDIENCE,
    kid,
    privateKeyPath: op.keyPath,
    publicJwk,
    defaultScope: OIDC_SCOPE,
    clients: [state.oidc.client, state.oidc.shortLivedClient],
  };
  writeFileSync(op.configPath, `${JSON.stringify(cfg, null, 2)}\n`, { mode: 0o600 });
  const child = spawnDetachedCommand({
    bin: process.execPath,
    args: ['--import', tsxImport(), serverScript, op.configPath],
    logPath: op.logPath,
    pidPath: op.pidPath,
    cwd: dirname(serverScript),
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const exit = child.exited();
    if (exit || Date.now() > deadline) {
      if (!exit) await stopProcess(child.pid, op.configPath, 2000);
      removeFile(op.pidPath);
      throw new HarnessError(
        `OIDC server ${exit ? `exited (${exit.code ?? exit.signal})` : 'not up after 15 s'}:\n${tailLines(op.logPath, 20).join('\n')}`,
      );
    }
    if (await jwksServed(`${issuer}/jwks`)) break;
    await sleep(50);
  }
  log(`OIDC server on ${issuer} (pid ${child.pid})`);
  return child.pid;
}

async function jwksServed(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

export async function stopOidcServer(paths: InstancePaths): Promise<'not-running' | 'terminated' | 'killed'> {
  const op = oidcPaths(paths);
  const pid = readPid(op.pidPath);
  const outcome = pid === undefined ? 'not-running' : await stopProcess(pid, op.configPath, 3000);
  removeFile(op.pidPath);
  return outcome;
}
