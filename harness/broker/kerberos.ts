// A real MIT Kerberos KDC on loopback for the SASL_GSSAPI listener (Debian packages
// krb5-kdc, krb5-admin-server; krb5-user for kinit/klist in tests). Made once per instance
// under <instance>/kerberos: realm database (kdb5_util), the broker's service principal
// kafka/localhost and a client principal, each with a keytab (kadmin.local ktadd). The KDC
// runs as `krb5kdc -n` (foreground, detached from us), TCP+UDP on one loopback port.
// BROKERSCOPE_BROKER_KERBEROS=0 leaves it (and the GSSAPI listener) out; =1 makes a missing
// KDC an error instead of a skipped listener.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KerberosServerRef } from './config';
import type { InstancePaths } from './paths';
import { HOST } from './ports';
import { isOurProcess, readPid, removeFile, spawnDetachedCommand, stopProcess } from './process';
import type { InstanceState } from './state';
import { HarnessError, run } from './tools';
import { sleep, tailLines, tcpAccepts } from './wait';

export const REALM = 'BROKERSCOPE.TEST';
export const SERVICE_NAME = 'kafka';
/** Host part of the broker's service principal: clients must name the broker "localhost". */
export const SERVICE_HOST = 'localhost';
export const SERVICE_PRINCIPAL = `${SERVICE_NAME}/${SERVICE_HOST}@${REALM}`;
export const CLIENT_PRINCIPAL = `client@${REALM}`;
/** Java 17 and MIT both do these; the newer aes-sha2 ones are left out on purpose. */
const ENCTYPES = 'aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96';

/** Info JSON `kerberos`. */
export interface KerberosInfo {
  realm: string;
  kdcHost: string;
  kdcPort: number;
  /** krb5.conf for clients (KRB5_CONFIG for MIT tools, -Djava.security.krb5.conf for Java). TCP only. */
  krb5ConfPath: string;
  clientPrincipal: string;
  clientKeytab: string;
  /** kafka/localhost@REALM: the broker's principal on SASL_GSSAPI. */
  servicePrincipal: string;
  /** sasl.kerberos.service.name ("kafka"). */
  serviceName: string;
  /** Host name a client must use for the service principal ("localhost"; the listener is on 127.0.0.1). */
  serviceHost: string;
  /** `localhost:<SASL_GSSAPI port>`: what a GSSAPI client bootstraps to (its Metadata advertises the same). */
  bootstrap: string;
  serviceKeytab: string;
  kdcPid: number;
  kdcLogPath: string;
}

export interface KerberosPaths {
  dir: string;
  kdcConfPath: string;
  krb5ConfPath: string;
  databasePath: string;
  stashPath: string;
  serviceKeytab: string;
  clientKeytab: string;
  pidPath: string;
  logPath: string;
}

export function kerberosPaths(paths: InstancePaths): KerberosPaths {
  const dir = paths.kerberosDir;
  return {
    dir,
    kdcConfPath: join(dir, 'kdc.conf'),
    krb5ConfPath: join(dir, 'krb5.conf'),
    databasePath: join(dir, 'principal'),
    stashPath: join(dir, 'stash'),
    serviceKeytab: join(dir, 'kafka.keytab'),
    clientKeytab: join(dir, 'client.keytab'),
    pidPath: join(dir, 'kdc.pid'),
    logPath: join(dir, 'kdc.log'),
  };
}

/** MIT server tools live in /usr/sbin, often not on a non-root PATH. */
function sbin(tool: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin']) {
    if (dir && existsSync(join(dir, tool))) return join(dir, tool);
  }
  return undefined;
}

const TOOLS = ['krb5kdc', 'kdb5_util', 'kadmin.local'] as const;

/** Whether the single broker gets a KDC and the SASL_GSSAPI listener. */
export function kerberosWanted(): boolean {
  const env = process.env.BROKERSCOPE_BROKER_KERBEROS;
  if (env === '0') return false;
  const missing = TOOLS.filter((t) => sbin(t) === undefined);
  if (missing.length === 0) return true;
  if (env === '1')
    throw new HarnessError(
      `BROKERSCOPE_BROKER_KERBEROS=1 but ${missing.join(', ')} not found: apt-get install krb5-kdc krb5-admin-server`,
    );
  return false;
}

function tool(name: (typeof TOOLS)[number]): string {
  const bin = sbin(name);
  if (!bin) throw new HarnessError(`${name} not found: apt-get install krb5-kdc krb5-admin-server`);
  return bin;
}

function kdcPort(state: InstanceState): number {
  const p = state.servicePorts.KDC;
  if (p === undefined) throw new Error('no port allocated for the KDC');
  return p;
}

function env(kp: KerberosPaths): NodeJS.ProcessEnv {
  return { ...process.env, KRB5_CONFIG: kp.krb5ConfPath, KRB5_KDC_PROFILE: kp.kdcConfPath };
}

function writeConfigs(kp: KerberosPaths, port: number): void {
  const listen = `${HOST}:${port}`;
  writeFileSync(
    kp.kdcConfPath,
    [
      '[kdcdefaults]',
      ` kdc_listen = ${listen}`,
      ` kdc_tcp_listen = ${listen}`,
      '[realms]',
      ` ${REALM} = {`,
      `  database_name = ${kp.databasePath}`,
      `  key_stash_file = ${kp.stashPath}`,
      `  acl_file = ${join(kp.dir, 'kadm5.acl')}`,
      `  kdc_listen = ${listen}`,
      `  kdc_tcp_listen = ${listen}`,
      '  max_life = 24h 0m 0s',
      '  max_renewable_life = 7d 0h 0m 0s',
      `  supported_enctypes = ${ENCTYPES.split(' ')
        .map((e) => `${e}:normal`)
        .join(' ')}`,
      ' }',
      '[logging]',
      ' kdc = STDERR',
      '',
    ].join('\n'),
  );
  writeFileSync(join(kp.dir, 'kadm5.acl'), '');
  writeFileSync(
    kp.krb5ConfPath,
    [
      '[libdefaults]',
      ` default_realm = ${REALM}`,
      ' dns_lookup_realm = false',
      ' dns_lookup_kdc = false',
      ' rdns = false',
      ' dns_canonicalize_hostname = false',
      // TCP only: one port is all the harness reserved, and Java then never tries UDP.
      ' udp_preference_limit = 1',
      ' ticket_lifetime = 24h',
      ' forwardable = true',
      ` default_tkt_enctypes = ${ENCTYPES}`,
      ` default_tgs_enctypes = ${ENCTYPES}`,
      ` permitted_enctypes = ${ENCTYPES}`,
      '[realms]',
      ` ${REALM} = {`,
      `  kdc = ${listen}`,
      ' }',
      '[domain_realm]',
      ` ${SERVICE_HOST} = ${REALM}`,
      ` ${HOST} = ${REALM}`,
      '',
    ].join('\n'),
  );
}

/** Realm database and keytabs, made once (delete <instance>/kerberos to start over). */
function ensureDatabase(kp: KerberosPaths, state: InstanceState, log: (m: string) => void): void {
  const ready = [kp.databasePath, kp.stashPath, kp.serviceKeytab, kp.clientKeytab].every((f) =>
    existsSync(f),
  );
  if (ready) return;
  for (const f of [kp.serviceKeytab, kp.clientKeytab, kp.stashPath]) rmSync(f, { force: true });
  for (const suffix of ['', '.ok', '.kadm5', '.kadm5.lock'])
    rmSync(`${kp.databasePath}${suffix}`, { force: true });
  const e = env(kp);
  const exec = (bin: string, args: string[], what: string): void => void run(bin, args, what, { env: e });
  exec(tool('kdb5_util'), ['create', '-s', '-r', REALM, '-P', state.kdcPassword], 'kdb5_util create');
  for (const [principal, keytab] of [
    [SERVICE_PRINCIPAL, kp.serviceKeytab],
    [CLIENT_PRINCIPAL, kp.clientKeytab],
  ] as const) {
    exec(
      tool('kadmin.local'),
      ['-r', REALM, '-q', `addprinc -randkey ${principal}`],
      `addprinc ${principal}`,
    );
    exec(tool('kadmin.local'), ['-r', REALM, '-q', `ktadd -k ${keytab} ${principal}`], `ktadd ${principal}`);
  }
  log(`Kerberos realm ${REALM} created (${SERVICE_PRINCIPAL}, ${CLIENT_PRINCIPAL})`);
}

export function kdcPid(paths: InstancePaths): number | undefined {
  const kp = kerberosPaths(paths);
  const pid = readPid(kp.pidPath);
  return isOurProcess(pid, kp.pidPath) ? pid : undefined;
}

/** Starts the KDC unless it already runs (setting the realm up on first use). Returns its pid. */
export async function ensureKdc(
  paths: InstancePaths,
  state: InstanceState,
  log: (m: string) => void,
): Promise<number> {
  const kp = kerberosPaths(paths);
  const port = kdcPort(state);
  const running = kdcPid(paths);
  if (running !== undefined && (await tcpAccepts(HOST, port))) return running;
  if (running !== undefined) await stopKdc(paths);
  mkdirSync(kp.dir, { recursive: true });
  writeConfigs(kp, port);
  ensureDatabase(kp, state, log);
  // -P names the pid file (krb5kdc writes it too); it also marks the process as ours.
  const child = spawnDetachedCommand({
    bin: tool('krb5kdc'),
    args: ['-n', '-r', REALM, '-P', kp.pidPath],
    logPath: kp.logPath,
    pidPath: kp.pidPath,
    cwd: kp.dir,
    env: env(kp),
  });
  const deadline = Date.now() + 10_000;
  while (!(await tcpAccepts(HOST, port, 500))) {
    const exit = child.exited();
    if (exit || Date.now() > deadline) {
      if (!exit) await stopProcess(child.pid, kp.pidPath, 2000);
      removeFile(kp.pidPath);
      throw new HarnessError(
        `krb5kdc ${exit ? `exited (${exit.code ?? exit.signal})` : 'not accepting after 10 s'}:\n${tailLines(kp.logPath, 20).join('\n')}`,
      );
    }
    await sleep(50);
  }
  log(`Kerberos KDC for ${REALM} on ${HOST}:${port} (pid ${child.pid})`);
  return child.pid;
}

export async function stopKdc(paths: InstancePaths): Promise<'not-running' | 'terminated' | 'killed'> {
  const kp = kerberosPaths(paths);
  const pid = readPid(kp.pidPath);
  const outcome = pid === undefined ? 'not-running' : await stopProcess(pid, kp.pidPath, 3000);
  removeFile(kp.pidPath);
  return outcome;
}

export function kerberosServerRef(paths: InstancePaths): KerberosServerRef {
  const kp = kerberosPaths(paths);
  return {
    krb5ConfPath: kp.krb5ConfPath,
    serviceKeytab: kp.serviceKeytab,
    servicePrincipal: SERVICE_PRINCIPAL,
    serviceName: SERVICE_NAME,
  };
}

export function kerberosInfo(
  paths: InstancePaths,
  state: InstanceState,
  pid: number,
  listenerPort: number,
): KerberosInfo {
  const kp = kerberosPaths(paths);
  return {
    realm: REALM,
    kdcHost: HOST,
    kdcPort: kdcPort(state),
    krb5ConfPath: kp.krb5ConfPath,
    clientPrincipal: CLIENT_PRINCIPAL,
    clientKeytab: kp.clientKeytab,
    servicePrincipal: SERVICE_PRINCIPAL,
    serviceName: SERVICE_NAME,
    serviceHost: SERVICE_HOST,
    bootstrap: `${SERVICE_HOST}:${listenerPort}`,
    serviceKeytab: kp.serviceKeytab,
    kdcPid: pid,
    kdcLogPath: kp.logPath,
  };
}
