// Throwaway PKI made with openssl on first start: a CA, a broker certificate
// (CN=localhost, SAN DNS:localhost + IP:127.0.0.1) and a client certificate, as PEM, plus a
// password-protected PKCS#12 copy of the client cert+key. Reused while the files exist.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTool, run } from './tools';

export interface CertPaths {
  dir: string;
  caCertPath: string;
  caKeyPath: string;
  brokerCertPath: string;
  brokerKeyPath: string;
  /** PEM "keystore" for Kafka (ssl.keystore.type=PEM): unencrypted PKCS#8 key + cert chain. */
  brokerKeystorePath: string;
  clientCertPath: string;
  clientKeyPath: string;
  clientP12Path: string;
}

const DAYS = '3650';

export function certPaths(dir: string): CertPaths {
  return {
    dir,
    caCertPath: join(dir, 'ca.pem'),
    caKeyPath: join(dir, 'ca.key'),
    brokerCertPath: join(dir, 'broker.pem'),
    brokerKeyPath: join(dir, 'broker.key'),
    brokerKeystorePath: join(dir, 'broker-keystore.pem'),
    clientCertPath: join(dir, 'client.pem'),
    clientKeyPath: join(dir, 'client.key'),
    clientP12Path: join(dir, 'client.p12'),
  };
}

function openssl(args: string[], what: string): void {
  run('openssl', args, `openssl: ${what}`);
}

/** Issues a leaf certificate signed by the CA (key: unencrypted PKCS#8 PEM). */
function issue(p: CertPaths, name: string, subject: string, extensions: string[]): void {
  const key = join(p.dir, `${name}.key`);
  const csr = join(p.dir, `${name}.csr`);
  const ext = join(p.dir, `${name}.ext`);
  openssl(
    ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', subject],
    `${name} key`,
  );
  writeFileSync(ext, `${extensions.join('\n')}\n`);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      p.caCertPath,
      '-CAkey',
      p.caKeyPath,
      '-set_serial',
      `0x${randomBytes(12).toString('hex')}`,
      '-days',
      DAYS,
      '-sha256',
      '-extfile',
      ext,
      '-out',
      join(p.dir, `${name}.pem`),
    ],
    `sign ${name} certificate`,
  );
  rmSync(csr);
  rmSync(ext);
}

export function ensureCerts(dir: string, p12Password: string): CertPaths {
  const p = certPaths(dir);
  const all = Object.entries(p)
    .filter(([k]) => k !== 'dir')
    .map(([, v]) => v);
  if (all.every((f) => existsSync(f))) return p;

  checkTool('openssl', ['version'], 'install openssl (apt-get install openssl)');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      p.caKeyPath,
      '-out',
      p.caCertPath,
      '-days',
      DAYS,
      '-sha256',
      '-subj',
      '/CN=Brokerscope Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    'CA',
  );
  issue(p, 'broker', '/CN=localhost', [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth,clientAuth',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  issue(p, 'client', '/CN=brokerscope-client', [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=clientAuth',
  ]);
  writeFileSync(
    p.brokerKeystorePath,
    [p.brokerKeyPath, p.brokerCertPath, p.caCertPath].map((f) => readFileSync(f, 'utf8').trim()).join('\n') +
      '\n',
  );
  openssl(
    [
      'pkcs12',
      '-export',
      '-in',
      p.clientCertPath,
      '-inkey',
      p.clientKeyPath,
      '-certfile',
      p.caCertPath,
      '-name',
      'brokerscope-client',
      '-out',
      p.clientP12Path,
      '-passout',
      `pass:${p12Password}`,
    ],
    'client PKCS#12',
  );
  return p;
}
