/**
 * `brokerscope probe`: settings → troubleshoot run → report (text or JSON) and exports.
 * Plain Node: no Electron anywhere on this path.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import type { SaslOptions, TlsOptions } from '../main/core';
import { troubleshoot, type TroubleshootConfig } from '../main/diagnose/troubleshoot';
import { fromTroubleshoot, prepareExport } from '../main/export/prepare';
import { writeJsonl } from '../main/export/jsonl';
import { textFromPrepared } from '../main/export/text';
import { pcapngFromPrepared } from '../main/export/pcapng';
import { toKeyLog } from '../main/export/keylog';
import { APP } from '../main/export/prepare';
import type { ProbeSettings } from './args';
import { buildReport, type ProbeReport } from './report';
import { COLOR, PLAIN, ProgressLine, renderReport } from './render';
import { readSecret } from './secret';

export interface CliIO {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: NodeJS.ProcessEnv;
}

export class ExportError extends Error {
  override readonly name = 'ExportError';
}

/** The troubleshoot config of parsed probe settings (reads the secret and the PEM files). */
export async function probeConfig(
  s: ProbeSettings,
  io: Pick<CliIO, 'stdin' | 'stderr' | 'env'>,
): Promise<{ config: TroubleshootConfig; secrets: string[] }> {
  const secrets: string[] = [];
  let sasl: SaslOptions | null = null;
  if (s.saslMechanism === 'GSSAPI' && s.kerberos) {
    const k = s.kerberos;
    sasl = {
      mechanism: 'GSSAPI',
      serviceName: k.serviceName,
      ...(k.serviceHost ? { serviceHost: k.serviceHost } : {}),
      ...(k.principal ? { principal: k.principal } : {}),
      ...(k.keytab ? { keytab: k.keytab } : {}),
      ...(k.ticketCache ? { ticketCache: k.ticketCache } : {}),
      ...(k.krb5Conf ? { krb5ConfPath: k.krb5Conf } : {}),
    };
  } else if (s.saslMechanism && s.saslMechanism !== 'GSSAPI') {
    const what =
      s.saslMechanism === 'OAUTHBEARER'
        ? s.oauth
          ? 'OIDC client secret'
          : 'OAuth bearer token'
        : `password for ${s.username}`;
    const secret = await readSecret(s.secret, io, what);
    if (secret !== null) secrets.push(secret);
    if (s.saslMechanism === 'OAUTHBEARER') {
      sasl = s.oauth
        ? {
            mechanism: 'OAUTHBEARER',
            oidc: {
              tokenEndpoint: s.oauth.tokenEndpoint,
              clientId: s.oauth.clientId,
              clientSecret: secret ?? '',
              ...(s.oauth.scope ? { scope: s.oauth.scope } : {}),
            },
          }
        : { mechanism: 'OAUTHBEARER', token: secret ?? '' };
    } else {
      sasl = { mechanism: s.saslMechanism, username: s.username ?? '', password: secret ?? '' };
    }
  }
  let tls: TlsOptions | null = null;
  if (s.securityProtocol === 'SSL' || s.securityProtocol === 'SASL_SSL') {
    tls = {
      ...(s.ca ? { ca: readFileSync(s.ca, 'utf8') } : {}),
      ...(s.cert ? { cert: readFileSync(s.cert, 'utf8') } : {}),
      ...(s.key ? { key: readFileSync(s.key, 'utf8') } : {}),
      ...(s.servername ? { servername: s.servername } : {}),
      ...(s.insecureSkipVerify ? { rejectUnauthorized: false } : {}),
      ...(s.verifyHostname ? {} : { verifyHostname: false }),
    };
  }
  return {
    config: {
      bootstrap: s.bootstrap,
      securityProtocol: s.securityProtocol,
      sasl,
      tls,
      clientId: s.clientId,
      connectTimeoutMs: s.timeoutMs,
      requestTimeoutMs: s.timeoutMs,
      topics: s.topics,
      checkBrokers: s.checkBrokers,
      captureFrames: s.exports.pcapng !== null,
      keyLog: s.exports.keylog !== null,
    },
    secrets,
  };
}

/** Runs the probe; returns the exit code (0 healthy, 1 error findings). */
export async function runProbe(
  s: ProbeSettings,
  io: CliIO,
): Promise<{ exitCode: 0 | 1; report: ProbeReport }> {
  for (const w of s.warnings) io.stderr.write(`warning: ${w}\n`);
  const { config, secrets } = await probeConfig(s, io);
  const progress = io.stderr.isTTY ? new ProgressLine((t) => io.stderr.write(t)) : null;
  let result;
  try {
    result = await troubleshoot(config, {
      onUpdate: (u) => (u.type === 'step' ? progress?.step(u.step) : undefined),
    });
  } finally {
    progress?.done();
  }

  const exports = {
    jsonl: s.exports.jsonl,
    log: s.exports.log,
    pcapng: s.exports.pcapng,
    keylog: s.exports.keylog,
  };
  if (exports.jsonl || exports.log || exports.pcapng || exports.keylog) {
    const prepared = prepareExport(fromTroubleshoot(result), { maskHosts: s.exports.maskHosts, secrets });
    const write = async (
      path: string | null,
      what: string,
      make: () => string | Buffer | Promise<void>,
    ): Promise<void> => {
      if (!path) return;
      try {
        const data = await make();
        if (data !== undefined) await writeFile(path, data, { mode: 0o600 });
      } catch (err) {
        throw new ExportError(`cannot write the ${what} export to ${path}: ${(err as Error).message}`);
      }
    };
    await write(exports.jsonl, 'JSONL', () => writeJsonl(exports.jsonl!, prepared));
    await write(exports.log, 'text', () => textFromPrepared(prepared));
    await write(exports.pcapng, 'pcapng', () => pcapngFromPrepared(prepared));
    await write(exports.keylog, 'TLS key log', () => toKeyLog(result.keyLog));
  }

  const report = buildReport(result, exports, APP.version);
  if (s.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const color = s.color ?? (io.stdout.isTTY === true && !io.env.NO_COLOR);
    io.stdout.write(renderReport(report, color ? COLOR : PLAIN));
  }
  return { exitCode: report.exitCode, report };
}
