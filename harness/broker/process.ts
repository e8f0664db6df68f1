// Detached background processes (broker JVMs, the OIDC server, the KDC): pid file, log file,
// liveness, stop.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { javaBin } from './tools';

/**
 * JVM tuning flags for a broker on a small (2-core) machine; `heap` defaults to the single
 * broker's. Override all of them with BROKERSCOPE_BROKER_JVM_OPTS.
 */
export function brokerJvmOptions(heap: string[] = ['-Xms256m', '-Xmx1g']): string[] {
  const fromEnv = process.env.BROKERSCOPE_BROKER_JVM_OPTS;
  if (fromEnv) return fromEnv.split(/\s+/).filter(Boolean);
  return [...heap, '-XX:+UseParallelGC', '-XX:-OmitStackTraceInFastThrow', '-Djava.awt.headless=true'];
}

export function readPid(pidPath: string): number | undefined {
  if (!existsSync(pidPath)) return undefined;
  const pid = Number(readFileSync(pidPath, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function signal(pid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, sig);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return sig !== 0 || !isZombie(pid);
}

export function isAlive(pid: number): boolean {
  return signal(pid, 0);
}

/** A zombie (exited, not yet reaped by its parent) answers kill(pid, 0) but is gone. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is alive and (where /proc exists) still our broker: its command line
 * mentions `marker` (the node's server.properties path), so a recycled pid isn't mistaken.
 */
export function isOurProcess(pid: number | undefined, marker: string): pid is number {
  if (pid === undefined || !signal(pid, 0)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    const args = readFileSync(cmdline, 'utf8').split('\0');
    return args.includes(marker);
  } catch {
    return false; // exited meanwhile
  }
}

export interface SpawnedBroker {
  pid: number;
  /** Set once the process exits (if it does while we're still watching). */
  exited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

/** Starts `java <jvmArgs> -cp <cp> <mainClass> <args>` detached, stdout+stderr into logPath. */
export function spawnDetached(opts: {
  jvmArgs: string[];
  classpath: string;
  mainClass: string;
  args: string[];
  logPath: string;
  pidPath: string;
  cwd: string;
}): SpawnedBroker {
  return spawnDetachedCommand({
    bin: javaBin(),
    args: [...opts.jvmArgs, '-cp', opts.classpath, opts.mainClass, ...opts.args],
    logPath: opts.logPath,
    pidPath: opts.pidPath,
    cwd: opts.cwd,
  });
}

/** Any program detached (OIDC server, KDC, broker JVM): stdout+stderr into logPath, pid into pidPath. */
export function spawnDetachedCommand(opts: {
  bin: string;
  args: string[];
  logPath: string;
  pidPath: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}): SpawnedBroker {
  if (existsSync(opts.logPath)) renameSync(opts.logPath, `${opts.logPath}.prev`);
  const fd = openSync(opts.logPath, 'a');
  const child = spawn(opts.bin, opts.args, {
    cwd: opts.cwd,
    detached: true,
    stdio: ['ignore', fd, fd],
    env: opts.env ?? process.env,
  });
  closeSync(fd);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.on('exit', (code, sig) => (exit = { code, signal: sig }));
  child.on('error', (err) => {
    exit = { code: -1, signal: null };
    writeFileSync(opts.logPath, `\n[harness] failed to spawn ${opts.bin}: ${err.message}\n`, { flag: 'a' });
  });
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${opts.bin}`);
  writeFileSync(opts.pidPath, `${child.pid}\n`);
  return { pid: child.pid, exited: () => exit };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, wait up to `graceMs`, then SIGKILL. Resolves to how it ended. */
export async function stopProcess(
  pid: number,
  marker: string,
  graceMs = 20_000,
): Promise<'not-running' | 'terminated' | 'killed'> {
  if (!isOurProcess(pid, marker)) return 'not-running';
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!signal(pid, 0)) return 'terminated';
    await sleep(100);
  }
  signal(pid, 'SIGKILL');
  while (signal(pid, 0)) await sleep(50);
  return 'killed';
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
