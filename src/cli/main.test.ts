// The command line without a broker: usage errors (exit 2), help, the report schema, profiles.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDuration, parseProbeArgs, UsageError, type ProbeSettings } from './args';
import { EXIT, main } from './main';
import { reportJsonSchema } from './report';

function io(env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough(), env }, out: () => out, err: () => err };
}

const dir = mkdtempSync(join(tmpdir(), 'bs-cli-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ca = join(dir, 'ca.pem');
writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n');

describe('usage errors exit 2 with a message on stderr and nothing on stdout', () => {
  it.each([
    [['probe', '--bootstrap', '127.0.0.1:9092', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['probe'], 'missing --bootstrap'],
    [['probe', 'extra'], 'unexpected argument "extra"'],
    [
      ['probe', '--bootstrap', 'kafka:99999'],
      'bootstrap entry "kafka:99999": port 99999 is out of range (1–65535)',
    ],
    [['probe', '--bootstrap', 'a:b:9092'], 'an IPv6 address with a port must be written [address]:port'],
    [['probe', '--bootstrap', 'bad host!'], 'is not a valid host name'],
    [['probe', '--bootstrap', ' , '], 'the bootstrap list is empty'],
    [
      ['probe', '-b', 'k:9092', '--security-protocol', 'TLS'],
      '"TLS" is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL',
    ],
    [['probe', '-b', 'k:9092', '--security-protocol', 'SASL_SSL'], 'SASL_SSL needs --sasl-mechanism'],
    [
      ['probe', '-b', 'k:9092', '--sasl-mechanism', 'PLAIN'],
      '--sasl-mechanism needs --security-protocol SASL_PLAINTEXT or SASL_SSL',
    ],
    [
      ['probe', '-b', 'k:9092', '--security-protocol', 'SASL_PLAINTEXT', '--sasl-mechanism', 'NOPE'],
      '"NOPE" is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, GSSAPI',
    ],
    [
      ['probe', '-b', 'k:9092', '--keytab', '/k.keytab'],
      '--keytab is for --sasl-mechanism GSSAPI',
    ],
    [
      ['probe', '-b', 'k:9092', '--security-protocol', 'SASL_PLAINTEXT', '--sasl-mechanism', 'PLAIN'],
      'PLAIN needs --username',
    ],
    [
      [
        'probe',
        '-b',
        'k:9092',
        '--security-protocol',
        'SASL_PLAINTEXT',
        '--sasl-mechanism',
        'PLAIN',
        '--username',
        'u',
        '--password-env',
        'NOPE_NOT_SET',
      ],
      'environment variable NOPE_NOT_SET is not set',
    ],
    [
      [
        'probe',
        '-b',
        'k:9092',
        '--security-protocol',
        'SASL_PLAINTEXT',
        '--sasl-mechanism',
        'PLAIN',
        '--username',
        'u',
        '--password',
        'p',
        '--password-stdin',
      ],
      'give the password one way',
    ],
    [['probe', '-b', 'k:9092', '--password-env', 'X'], 'a password is only used with SASL'],
    [
      [
        'probe',
        '-b',
        'k:9092',
        '--security-protocol',
        'SASL_PLAINTEXT',
        '--sasl-mechanism',
        'PLAIN',
        '--username',
        'u',
      ],
      'no password for u given and no terminal to ask on',
    ],
    [
      [
        'probe',
        '-b',
        'k:9092',
        '--security-protocol',
        'SASL_PLAINTEXT',
        '--sasl-mechanism',
        'PLAIN',
        '--username',
        'u',
        '--password-stdin',
      ],
      '--password-stdin: standard input was empty',
    ],
    [
      [
        'probe',
        '-b',
        'k:9092',
        '--security-protocol',
        'SASL_SSL',
        '--sasl-mechanism',
        'OAUTHBEARER',
        '--oauth-client-id',
        'c',
      ],
      'OIDC needs both',
    ],
    [['probe', '-b', 'k:9092', '--ca', ca], 'TLS options need --security-protocol SSL or SASL_SSL'],
    [
      ['probe', '-b', 'k:9092', '--security-protocol', 'SSL', '--ca', '/nonexistent/ca.pem'],
      '--ca: cannot read /nonexistent/ca.pem: ENOENT',
    ],
    [
      ['probe', '-b', 'k:9092', '--security-protocol', 'SSL', '--cert', ca],
      'a client certificate needs both --cert and --key',
    ],
    [['probe', '-b', 'k:9092', '--timeout', 'soon'], '--timeout: "soon" is not a duration'],
    [['probe', '-b', 'k:9092', '--timeout', '0'], 'out of range'],
    [['probe', '--profile', '/nonexistent/profile.json'], '--profile: cannot read /nonexistent/profile.json'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [[], 'Usage: brokerscope <command>'],
  ])('%j', async (args, message) => {
    const t = io({ X: 'x' });
    t.io.stdin.end('');
    expect(await main(args, t.io)).toBe(EXIT.USAGE);
    expect(t.err()).toContain(message);
    expect(t.out()).toBe('');
  });
});

describe('help, version, schema', () => {
  it('probe --help lists the flags and exit codes on stdout', async () => {
    const t = io();
    expect(await main(['probe', '--help'], t.io)).toBe(0);
    for (const flag of [
      '--bootstrap',
      '--security-protocol',
      '--sasl-mechanism',
      '--password-env',
      '--password-stdin',
      '--ca',
      '--insecure-skip-verify',
      '--profile',
      '--timeout',
      '--json',
      '--pcapng',
      '--mask-hosts',
    ]) {
      expect(t.out()).toContain(flag);
    }
    expect(t.out()).toContain('Exit codes: 0 healthy');
  });

  it('schema prints the JSON Schema that docs/probe-report.schema.json holds', async () => {
    const t = io();
    expect(await main(['schema'], t.io)).toBe(0);
    const printed = JSON.parse(t.out()) as unknown;
    expect(printed).toEqual(reportJsonSchema());
    const doc = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../docs/probe-report.schema.json'), 'utf8'),
    ) as unknown;
    expect(doc).toEqual(printed);
  });

  it('--version', async () => {
    const t = io();
    expect(await main(['--version'], t.io)).toBe(0);
    expect(t.out()).toMatch(/^brokerscope \d+\.\d+\.\d+\n$/);
  });
});

describe('parseProbeArgs', () => {
  const parse = (args: string[], env: NodeJS.ProcessEnv = {}): ProbeSettings => {
    const s = parseProbeArgs(args, env);
    if (s === 'help') throw new Error('help');
    return s;
  };

  it('normalises the bootstrap list and takes defaults', () => {
    const s = parse(['-b', 'kafka-1:9093, kafka-2 [::1]:9094']);
    expect(s.bootstrap).toEqual(['kafka-1:9093', 'kafka-2:9092', '[::1]:9094']);
    expect(s).toMatchObject({
      securityProtocol: 'PLAINTEXT',
      timeoutMs: 10_000,
      clientId: 'brokerscope-probe',
      checkBrokers: true,
      json: false,
      secret: { kind: 'none' },
    });
  });

  it('warns about --password and --insecure-skip-verify', () => {
    const s = parse([
      '-b',
      'k',
      '--security-protocol',
      'SASL_SSL',
      '--sasl-mechanism',
      'scram-sha-512',
      '--username',
      'u',
      '--password',
      'pw',
      '--insecure-skip-verify',
    ]);
    expect(s.saslMechanism).toBe('SCRAM-SHA-512');
    expect(s.warnings.join('\n')).toContain('--password puts the password in the process list');
    expect(s.warnings.join('\n')).toContain('--insecure-skip-verify');
  });

  it('honours NO_COLOR', () => {
    expect(parse(['-b', 'k'], { NO_COLOR: '1' }).color).toBe(false);
    expect(parse(['-b', 'k']).color).toBeNull();
  });

  it.each([
    ['5000', 5000],
    ['250ms', 250],
    ['5s', 5000],
    ['1.5s', 1500],
    ['2m', 120_000],
  ])('--timeout %s = %i ms', (text, ms) => {
    expect(parseDuration(text, '--timeout')).toBe(ms);
  });

  it('reads a flag-shaped profile, resolving files next to it; flags override it', () => {
    const p = join(dir, 'flags.json');
    writeFileSync(
      p,
      JSON.stringify({
        bootstrap: ['a:1', 'b:2'],
        securityProtocol: 'SASL_SSL',
        saslMechanism: 'PLAIN',
        username: 'u',
        passwordEnv: 'PW',
        ca: 'ca.pem',
        timeout: '3s',
        topics: ['t1'],
      }),
    );
    const s = parse(['--profile', p, '--username', 'v'], { PW: 'x' });
    expect(s).toMatchObject({
      bootstrap: ['a:1', 'b:2'],
      securityProtocol: 'SASL_SSL',
      username: 'v',
      ca,
      timeoutMs: 3000,
      topics: ['t1'],
      secret: { kind: 'env', name: 'PW' },
    });
  });

  it("reads the desktop app's profile fields", () => {
    const p = join(dir, 'app.json');
    writeFileSync(
      p,
      JSON.stringify({
        name: 'prod',
        bootstrapServers: ['k1:9093'],
        securityProtocol: 'SASL_SSL',
        sasl: { mechanism: 'SCRAM-SHA-256', username: 'svc' },
        tls: {
          ca: { kind: 'file', path: ca },
          cert: null,
          key: null,
          pkcs12Path: null,
          servername: 'kafka.example.com',
          verifyHostname: true,
          verifyCertificate: true,
        },
        timeouts: { connectTimeoutMs: 4000 },
        clientId: 'app',
        tagIds: [],
      }),
    );
    const s = parse(['--profile', p, '--password-env', 'PW'], { PW: 'x' });
    expect(s).toMatchObject({
      bootstrap: ['k1:9093'],
      saslMechanism: 'SCRAM-SHA-256',
      username: 'svc',
      ca,
      servername: 'kafka.example.com',
      timeoutMs: 4000,
      clientId: 'app',
    });
  });

  it('refuses a profile that holds a password', () => {
    const p = join(dir, 'secret.json');
    writeFileSync(p, JSON.stringify({ bootstrap: 'k:1', password: 'no' }));
    expect(() => parse(['--profile', p])).toThrow(UsageError);
    expect(() => parse(['--profile', p])).toThrow('a profile must not hold secrets');
  });
});
