#!/usr/bin/env node
/**
 * The `brokerscope` command line (Electron-free):
 *   brokerscope probe --bootstrap HOST:PORT [options]   troubleshoot a connection
 *   brokerscope schema                                  JSON Schema of `probe --json`
 * From a checkout: `npx tsx src/cli/main.ts probe …` (or `npm run cli -- probe …`).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseProbeArgs, PROBE_USAGE, UsageError } from './args';
import { ExportError, runProbe, type CliIO } from './probe';
import { reportJsonSchema } from './report';
import { APP } from '../main/export/prepare';

export const EXIT = { HEALTHY: 0, FINDINGS: 1, USAGE: 2, INTERNAL: 3 } as const;

const USAGE = `Usage: brokerscope <command> [options]

Commands:
  probe     walk a Kafka connection step by step and diagnose what fails
  schema    print the JSON Schema of the probe --json report

brokerscope probe --help     options of probe
`;

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'probe': {
        const settings = parseProbeArgs(rest, io.env);
        if (settings === 'help') {
          io.stdout.write(PROBE_USAGE);
          return EXIT.HEALTHY;
        }
        const { exitCode } = await runProbe(settings, io);
        return exitCode;
      }
      case 'schema':
        if (rest.length) throw new UsageError(`schema takes no arguments (got "${rest[0]}")`);
        io.stdout.write(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
        return EXIT.HEALTHY;
      case '--version':
      case '-v':
        io.stdout.write(`${APP.name} ${APP.version}\n`);
        return EXIT.HEALTHY;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        (command === undefined ? io.stderr : io.stdout).write(USAGE);
        return command === undefined ? EXIT.USAGE : EXIT.HEALTHY;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(
        `brokerscope: ${err.message}\n${command === 'probe' ? 'Run `brokerscope probe --help` for the options.\n' : USAGE}`,
      );
      return EXIT.USAGE;
    }
    if (err instanceof ExportError) {
      io.stderr.write(`brokerscope: ${err.message}\n`);
      return EXIT.INTERNAL;
    }
    io.stderr.write(`brokerscope: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.INTERNAL;
  }
}

/** Runs the command line of this process and exits with its code once stdout is flushed. */
export function run(argv: readonly string[] = process.argv.slice(2)): void {
  const io: CliIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  };
  const exit = (code: number): void => {
    process.exitCode = code;
    // Leave once the report is out, even if a socket or timer would keep the loop alive.
    process.stdout.write('', () => process.exit(code));
  };
  main(argv, io).then(exit, (err: unknown) => {
    process.stderr.write(`brokerscope: internal error: ${String(err)}\n`);
    exit(EXIT.INTERNAL);
  });
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) run();
