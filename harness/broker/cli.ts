// Test-broker CLI (npm run broker:start|broker:stop|broker:logs -- [options]).
//   start [--version V]          start (or find running) broker; prints the info JSON path
//   stop  [--version V | --all]  SIGTERM, then SIGKILL after 20 s
//   logs  [--version V] [--no-follow]
import { parseArgs } from 'node:util';
import { brokerLogPath, startBroker, stopAll, stopBroker } from './broker';
import { followLog, printLastLines } from './logs';
import { DEFAULT_KAFKA_VERSION } from './paths';

const USAGE = `usage: tsx harness/broker/cli.ts <start|stop|logs> [--version V] [--all] [--no-follow]
  default version: ${DEFAULT_KAFKA_VERSION}`;

const out = (s: string): void => void process.stdout.write(s);

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      version: { type: 'string' },
      all: { type: 'boolean', default: false },
      'no-follow': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [cmd] = positionals;
  const version = values.version ?? DEFAULT_KAFKA_VERSION;
  if (values.help || !cmd) {
    out(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  switch (cmd) {
    case 'start': {
      const r = await startBroker({ version, log: (m) => out(`[broker] ${m}\n`) });
      const secs = (r.elapsedMs / 1000).toFixed(1);
      out(
        r.alreadyRunning
          ? `[broker] Kafka ${version} already running (pid ${r.info.pid}), checked in ${secs}s\n`
          : `[broker] Kafka ${version} ready in ${secs}s (pid ${r.info.pid}${r.formatted ? ', freshly formatted' : ''}${r.resolvedJars ? ', jars resolved with Maven' : ''})\n`,
      );
      for (const l of Object.values(r.info.listeners)) {
        const sasl = l.saslMechanisms.length > 0 ? ` [${l.saslMechanisms.join(', ')}]` : '';
        out(
          `[broker]   ${l.name.padEnd(15)} ${l.bootstrap.padEnd(16)} ${l.securityProtocol}${sasl}${l.clientAuthRequired ? ' (client cert required)' : ''}\n`,
        );
      }
      out(`[broker] info: ${r.infoPath}\n`);
      return 0;
    }
    case 'stop': {
      const results = values.all ? await stopAll() : [await stopBroker(version)];
      if (results.length === 0) out('[broker] no broker instances found\n');
      for (const r of results) out(`[broker] Kafka ${r.version}: ${r.outcome}\n`);
      return 0;
    }
    case 'logs': {
      const path = brokerLogPath(version);
      if (values['no-follow']) {
        printLastLines(path, 200, out);
        return 0;
      }
      return followLog(path, out);
    }
    default:
      out(`unknown command "${cmd}"\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[broker] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
