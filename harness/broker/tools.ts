// Locating and checking the external tools the harness runs (java, mvn, openssl, MIT krb5).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export class HarnessError extends Error {
  override name = 'HarnessError';
}

export function javaBin(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

export function mvnBin(): string {
  return process.env.MAVEN_HOME ? join(process.env.MAVEN_HOME, 'bin', 'mvn') : 'mvn';
}

/** Throws a HarnessError unless a Java >= minMajor is runnable. Returns the major version. */
export function checkJava(minMajor: number): number {
  const r = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new HarnessError(
      `Java not found (tried "${javaBin()}"): install a JDK ${minMajor}+ or set JAVA_HOME. ${r.error?.message ?? r.stderr}`,
    );
  }
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (!(major >= minMajor)) {
    throw new HarnessError(`Java ${minMajor}+ is required, found: ${r.stderr.split('\n')[0] ?? '?'}`);
  }
  return major;
}

export function checkTool(bin: string, args: string[], hint: string): void {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new HarnessError(`${bin} not found or not working: ${hint}. ${r.error?.message ?? r.stderr}`);
  }
}

/** Runs a command to completion; throws a HarnessError with its output when it fails. */
export function run(
  bin: string,
  args: string[],
  what: string,
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  const r = spawnSync(bin, args, {
    encoding: 'utf8',
    cwd: opts.cwd,
    env: opts.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new HarnessError(
      `${what} failed (${bin} exit ${r.status ?? r.signal ?? r.error?.message}):\n${out}`,
    );
  }
  return r.stdout;
}

/** Like run(), without blocking the event loop (so several can run at once). */
export function runAsync(bin: string, args: string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', (e) => reject(new HarnessError(`${what} failed (${bin}: ${e.message})`)));
    child.on('close', (code, sig) => {
      if (code === 0) resolve(out);
      else {
        const tail = out.trim().split('\n').slice(-40).join('\n');
        reject(new HarnessError(`${what} failed (${bin} exit ${code ?? sig}):\n${tail}`));
      }
    });
  });
}
