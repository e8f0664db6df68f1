// `brokerscope probe` as a child process: one run per finding code (scenarios.ts) with the
// expected exit code and a --json report valid against its schema; usage errors exit 2.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeReportSchema, reportJsonSchema, type ProbeReport } from '../../../src/cli/report';
import { brokerInfo } from '../../support/connect-options';
import { SCENARIOS, SECRET_ENV, type Prepared, type Scenario } from './scenarios';

const ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = resolve(ROOT, 'src/cli/main.ts');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI the way a user does from a checkout (node + tsx), stdin/stdout/stderr as pipes. */
export function runCli(
  args: readonly string[],
  opts: { env?: Record<string, string>; input?: string } = {},
): Promise<CliRun> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: performance.now() - started }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs tasks with at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i]!);
      }
    }),
  );
  return out;
}

interface Outcome {
  scenario: Scenario;
  env: Record<string, string>;
  run: CliRun;
  report: ProbeReport | null;
  parseError: string | null;
}

const outcomes = new Map<string, Outcome>();
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  // All scenarios at once, three processes at a time (2 cores; the broker is shared, each case uses its own fixtures).
  const started = performance.now();
  await pool(SCENARIOS, 3, async (scenario) => {
    const p: Prepared = await scenario.prepare('cli');
    cleanups.push(p.cleanup);
    const run = await runCli(['probe', ...p.args, '--json'], { env: p.env });
    let report: ProbeReport | null = null;
    let parseError: string | null = null;
    try {
      const r = ProbeReportSchema.safeParse(JSON.parse(run.stdout));
      if (r.success) report = r.data;
      else parseError = r.error.message;
    } catch (err) {
      parseError = `${(err as Error).message}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
    }
    outcomes.set(scenario.name, { scenario, env: p.env, run, report, parseError });
    await p.cleanup();
  });
  console.log(
    `CLI scenarios: ${SCENARIOS.length} runs in ${Math.round(performance.now() - started)} ms; slowest ${[
      ...outcomes.values(),
    ]
      .sort((a, b) => b.run.ms - a.run.ms)
      .slice(0, 3)
      .map((o) => `${o.scenario.code ?? 'healthy'} ${Math.round(o.run.ms)} ms`)
      .join(', ')}`,
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

describe('brokerscope probe --json, one run per finding code', () => {
  it.each(SCENARIOS.map((s) => [s.code ?? 'healthy', s.exitCode, s] as const))(
    '%s exits %i',
    (_label, exitCode, s) => {
      const o = outcomes.get(s.name)!;
      expect(o.parseError, o.run.stderr).toBeNull();
      expect(o.run.code, o.run.stderr).toBe(exitCode);
      const r = o.report!;
      expect(r.exitCode).toBe(exitCode);
      expect(r.healthy).toBe(exitCode === 0);
      if (s.code === null) {
        expect(r.findings).toEqual([]);
      } else {
        expect(r.findings.find((f) => f.code === s.code)?.severity).toBe(s.severity);
      }
      // Never a secret in the report, whatever the case.
      for (const secret of Object.values(o.env)) expect(o.run.stdout).not.toContain(secret);
      expect(r.steps.length).toBeGreaterThanOrEqual(7);
      expect(o.run.stderr).toBe(''); // no progress line, no warning: stderr is not a terminal
    },
  );

  it('the healthy report has per-step timings, negotiated versions per broker, TLS details and the brokers', () => {
    const r = outcomes.get('healthy SASL_SSL SCRAM-SHA-512')!.report!;
    expect(r.steps.every((s) => s.status === 'ok' && s.ms !== null)).toBe(true);
    expect(r.bootstrap?.tls?.peerChain[0]?.subject).toContain('localhost');
    expect(r.cluster?.brokers).toHaveLength(1);
    expect(r.cluster?.brokers[0]).toMatchObject({
      nodeId: brokerInfo().nodeId,
      status: 'ok',
      isController: true,
    });
    expect(
      r.cluster?.brokers[0]?.versions?.find((v) => v.name === 'Produce')?.selected,
    ).toBeGreaterThanOrEqual(3);
    expect(r.target).toMatchObject({
      securityProtocol: 'SASL_SSL',
      saslMechanism: 'SCRAM-SHA-512',
      username: brokerInfo().users.scramSha512.username,
    });
  });

  it('the JSON Schema in docs/ is the one the zod schema generates', () => {
    const doc = JSON.parse(readFileSync(resolve(ROOT, 'docs/probe-report.schema.json'), 'utf8')) as unknown;
    expect(doc).toEqual(reportJsonSchema());
  });
});

describe('readable report', () => {
  it('plain text without colour when stdout is not a terminal, with the finding, fix and exit code', async () => {
    const info = brokerInfo();
    const run = await runCli(['probe', '--bootstrap', info.listeners.SASL_PLAINTEXT.bootstrap]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).toContain('[FAIL] Metadata');
    expect(run.stdout).toContain('ERROR   SASL_REQUIRED');
    expect(run.stdout).toContain('Fix: Use SASL_PLAINTEXT');
    expect(run.stdout).toContain('Problems found (exit 1)');
  });

  it('reads the password from stdin, and warns on stderr when it is given with --password', async () => {
    const info = brokerInfo();
    const base = [
      'probe',
      '-b',
      info.listeners.SASL_PLAINTEXT.bootstrap,
      '--security-protocol',
      'SASL_PLAINTEXT',
      '--sasl-mechanism',
      'SCRAM-SHA-256',
      '--username',
      info.users.scramSha256.username,
    ];
    const [stdin, argv] = await Promise.all([
      runCli([...base, '--password-stdin', '--json'], { input: `${info.users.scramSha256.password}\n` }),
      runCli([...base, '--password', info.users.scramSha256.password, '--json']),
    ]);
    expect(stdin.code, stdin.stderr).toBe(0);
    expect(argv.code).toBe(0);
    expect(argv.stderr).toContain('warning: --password puts the password in the process list');
    for (const r of [stdin, argv]) expect(r.stdout).not.toContain(info.users.scramSha256.password);
  });

  it('takes its settings from a --profile file (flags override it)', async () => {
    const info = brokerInfo();
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(resolve(tmpdir(), 'bs-profile-'));
    const profile = resolve(dir, 'p.json');
    writeFileSync(
      profile,
      JSON.stringify({
        bootstrap: info.listeners.SASL_SSL.bootstrap,
        securityProtocol: 'SASL_SSL',
        saslMechanism: 'SCRAM-SHA-512',
        username: info.users.scramSha512.username,
        passwordEnv: SECRET_ENV,
        ca: info.tls.caCertPath,
      }),
    );
    const ok = await runCli(['probe', '--profile', profile, '--json'], {
      env: { [SECRET_ENV]: info.users.scramSha512.password },
    });
    expect(ok.code, ok.stderr).toBe(0);
    const wrong = await runCli(['probe', '--profile', profile, '--username', 'nobody-here', '--json'], {
      env: { [SECRET_ENV]: info.users.scramSha512.password },
    });
    expect(wrong.code).toBe(1);
    expect((JSON.parse(wrong.stdout) as ProbeReport).findings[0]?.code).toBe('SASL_AUTH_FAILED');
  });
});

describe('exports from the command line', () => {
  it('--jsonl, --log, --pcapng and --keylog with --mask-hosts: files that import, open in tshark, hold no secret', async () => {
    const { mkdtempSync, readFileSync: read, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { execFileSync } = await import('node:child_process');
    const { importJsonl } = await import('../../../src/main/export');
    const info = brokerInfo();
    const dir = mkdtempSync(resolve(tmpdir(), 'bs-cli-exports-'));
    try {
      const f = (name: string): string => resolve(dir, name);
      const run = await runCli(
        [
          'probe',
          '-b',
          info.listeners.SASL_SSL.bootstrap,
          '--security-protocol',
          'SASL_SSL',
          '--ca',
          info.tls.caCertPath,
          '--sasl-mechanism',
          'SCRAM-SHA-512',
          '--username',
          info.users.scramSha512.username,
          '--password-env',
          SECRET_ENV,
          '--jsonl',
          f('run.jsonl'),
          '--log',
          f('run.log'),
          '--pcapng',
          f('run.pcapng'),
          '--keylog',
          f('run.keys'),
          '--mask-hosts',
          '--json',
        ],
        { env: { [SECRET_ENV]: info.users.scramSha512.password } },
      );
      expect(run.code, run.stderr).toBe(0);
      const report = ProbeReportSchema.parse(JSON.parse(run.stdout));
      expect(report.exports).toEqual({
        jsonl: f('run.jsonl'),
        log: f('run.log'),
        pcapng: f('run.pcapng'),
        keylog: f('run.keys'),
      });
      const imported = importJsonl(read(f('run.jsonl'), 'utf8'));
      expect(imported.ok).toBe(true);
      if (!imported.ok) return;
      expect(imported.log.header.redaction).toMatchObject({ hosts: 'masked', knownSecrets: 1 });
      expect(imported.log.events.some((e) => e.type === 'frame')).toBe(true);
      expect(imported.log.troubleshoot?.healthy).toBe(true);
      const tshark = execFileSync(
        'tshark',
        [
          '-r',
          f('run.pcapng'),
          '-d',
          `tcp.port==${info.listeners.SASL_SSL.port},kafka`,
          '-T',
          'fields',
          '-e',
          'ip.dst',
          '-e',
          'kafka.request_key',
        ],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      expect(tshark).toContain('\t18\n'); // ApiVersions requests decoded
      expect(tshark).not.toContain('127.0.0.1');
      expect(read(f('run.keys'), 'utf8')).toMatch(/^CLIENT_HANDSHAKE_TRAFFIC_SECRET [0-9a-f]{64} /m);
      for (const name of ['run.jsonl', 'run.log', 'run.pcapng', 'run.keys']) {
        const text = read(f(name)).toString('latin1');
        expect(text.includes(info.users.scramSha512.password), name).toBe(false);
        if (name !== 'run.keys') expect(text.includes('127.0.0.1'), name).toBe(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('usage errors exit 2', () => {
  // The full list runs in-process (src/cli/main.test.ts); these go through a real process exit.
  it.each([
    [['probe', '--bootstrap', '127.0.0.1:9092', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['probe'], 'missing --bootstrap'],
    [['probe', '--bootstrap', 'kafka:99999'], 'bootstrap entry "kafka:99999": port 99999 is out of range'],
  ])('%j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
