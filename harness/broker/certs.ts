// Throwaway PKI made with openssl on first start: a CA, a broker certificate
// (CN=localhost, SAN DNS:localhost + IP:127.0.0.1) and a client certificate, as PEM, plus a
// password-protected PKCS#12 copy of the client cert+key. Reused while the files exist.
// A second broker certificate, same CA and names but expired (notAfter in the past), backs the
// SSL_EXPIRED listener; it is added to an existing PKI without touching the rest.
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
  /** Broker certificate (same CA, same names) whose validity ended yesterday, and its PEM keystore. */
  expiredCertPath: string;
  expiredKeyPath: string;
  expiredKeystorePath: string;
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
    expiredCertPath: join(dir, 'broker-expired.pem'),
    expiredKeyPath: join(dir, 'broker-expired.key'),
    expiredKeystorePath: join(dir, 'broker-expired-keystore.pem'),
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
  newKeyAndCsr(key, csr, subject, name);
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

function newKeyAndCsr(key: string, csr: string, subject: string, name: string): void {
  openssl(
    ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', subject],
    `${name} key`,
  );
}

const BROKER_EXTENSIONS = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,keyEncipherment',
  'extendedKeyUsage=serverAuth,clientAuth',
  'subjectAltName=DNS:localhost,IP:127.0.0.1',
];

/** openssl's ca date format, YYYYMMDDHHMMSSZ. */
const caDate = (d: Date): string => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/**
 * The expired broker certificate. `openssl x509` can't set a notAfter in the past (no negative
 * -days, and OpenSSL 3.0 has no -not_after), so this signs with `openssl ca -startdate -enddate`
 * and a throwaway CA database.
 */
function issueExpired(p: CertPaths): void {
  const work = join(p.dir, 'expired-ca');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const csr = join(work, 'broker-expired.csr');
  newKeyAndCsr(p.expiredKeyPath, csr, '/CN=localhost', 'expired broker');
  writeFileSync(join(work, 'index.txt'), '');
  writeFileSync(join(work, 'serial'), `${randomBytes(12).toString('hex').toUpperCase()}\n`);
  const cnf = join(work, 'ca.cnf');
  writeFileSync(
    cnf,
    [
      '[ca]',
      'default_ca = harness',
      '[harness]',
      `dir = ${work}`,
      'database = $dir/index.txt',
      'new_certs_dir = $dir',
      'serial = $dir/serial',
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'email_in_dn = no',
      '[any]',
      'commonName = supplied',
      '[ext]',
      ...BROKER_EXTENSIONS,
      '',
    ].join('\n'),
  );
  const day = 24 * 3600 * 1000;
  openssl(
    [
      'ca',
      '-batch',
      '-notext',
      '-config',
      cnf,
      '-cert',
      p.caCertPath,
      '-keyfile',
      p.caKeyPath,
      '-in',
      csr,
      '-out',
      p.expiredCertPath,
      '-startdate',
      caDate(new Date(Date.now() - 30 * day)),
      '-enddate',
      caDate(new Date(Date.now() - day)),
      '-extensions',
      'ext',
    ],
    'sign the expired broker certificate',
  );
  rmSync(work, { recursive: true, force: true });
  writeKeystore(p.expiredKeystorePath, [p.expiredKeyPath, p.expiredCertPath, p.caCertPath]);
}

function writeKeystore(path: string, pems: string[]): void {
  writeFileSync(path, `${pems.map((f) => readFileSync(f, 'utf8').trim()).join('\n')}\n`);
}

export function ensureCerts(dir: string, p12Password: string): CertPaths {
  const p = certPaths(dir);
  const expired = [p.expiredCertPath, p.expiredKeyPath, p.expiredKeystorePath];
  const base = Object.entries(p)
    .filter(([k]) => k !== 'dir')
    .map(([, v]) => v)
    .filter((f) => !expired.includes(f));
  if (base.every((f) => existsSync(f))) {
    if (!expired.every((f) => existsSync(f))) issueExpired(p);
    return p;
  }

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
  issue(p, 'broker', '/CN=localhost', BROKER_EXTENSIONS);
  issue(p, 'client', '/CN=brokerscope-client', [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=clientAuth',
  ]);
  writeKeystore(p.brokerKeystorePath, [p.brokerKeyPath, p.brokerCertPath, p.caCertPath]);
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
  issueExpired(p);
  return p;
}
