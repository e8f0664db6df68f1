// Kerberos failures against the real MIT KDC and the SASL_GSSAPI listener, diagnosed plainly:
// through the troubleshoot runner (KERBEROS_FAILED with the specific kind and fix) and through
// `brokerscope probe --sasl-mechanism GSSAPI`, with its exit codes.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { troubleshoot } from '../../../src/main/diagnose/troubleshoot';
import { brokerInfo } from '../../support/connect-options';

const info = brokerInfo();
const krb = info.kerberos;
const listener = (info.listeners as Record<string, { port: number }>).SASL_GSSAPI;
if (!krb || !listener) throw new Error(`The test broker (${info.infoPath}) has no Kerberos KDC / SASL_GSSAPI listener: install krb5-kdc, krb5-admin-server and krb5-user, then restart it.`);
const bootstrap = `localhost:${listener.port}`;
const gssapi = { mechanism: 'GSSAPI' as const, principal: krb.clientPrincipal, keytab: krb.clientKeytab, krb5ConfPath: krb.krb5ConfPath };

const ROOT = resolve(import.meta.dirname, '../../..');
function probe(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'probe', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('Kerberos diagnosis', () => {
  it('a good keytab is healthy', async () => {
    const r = await troubleshoot({ bootstrap, securityProtocol: 'SASL_PLAINTEXT', sasl: gssapi });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('an unknown service principal is KERBEROS_FAILED with the service-name fix', async () => {
    const r = await troubleshoot({ bootstrap, securityProtocol: 'SASL_PLAINTEXT', sasl: { ...gssapi, serviceName: 'nosuch' } });
    const f = r.findings.find((x) => x.code === 'KERBEROS_FAILED');
    expect(f?.severity).toBe('error');
    expect(f?.cause).toContain('Server not found in Kerberos database');
    expect(f?.fix).toContain('service name');
    expect(f?.details).toMatchObject({ kind: 'GSSAPI_UNKNOWN_SERVICE_PRINCIPAL' });
  });

  it('the probe CLI takes GSSAPI flags: exit 0 healthy, exit 1 with the finding', async () => {
    const base = ['--bootstrap', bootstrap, '--security-protocol', 'SASL_PLAINTEXT', '--sasl-mechanism', 'GSSAPI', '--kerberos-principal', krb.clientPrincipal, '--keytab', krb.clientKeytab, '--krb5-conf', krb.krb5ConfPath, '--skip-brokers', '--json'];
    const ok = await probe(base);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    const bad = await probe([...base, '--kerberos-service-name', 'nosuch']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).findings.map((f: { code: string }) => f.code)).toContain('KERBEROS_FAILED');
    const usage = await probe(['--bootstrap', bootstrap, '--security-protocol', 'SASL_PLAINTEXT', '--sasl-mechanism', 'GSSAPI', '--password', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('GSSAPI takes no password');
  }, 60_000);
});
