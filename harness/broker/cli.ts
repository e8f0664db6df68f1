// Test-broker CLI (npm run broker:start|broker:stop|broker:logs -- [options]).
//   start [--version V] [--cluster N]       start (or find running) broker / N-node cluster; prints the info JSON path
//   stop  [--version V] [--cluster N | --all]  SIGTERM, then SIGKILL after 20 s (also the OIDC server / KDC)
//   stop-node  --cluster N --node I [--kill]  stop one cluster node (SIGKILL at once with --kill)
//   start-node --cluster N --node I           start that node again, on the same ports
//   logs  [--version V] [--cluster N --node I] [--no-follow]
import { parseArgs } from 'node:util';
import { brokerLogPath, startBroker, stopBroker } from './broker';
import { clusterLogPath, startCluster, startClusterNode, stopCluster, stopClusterNode } from './cluster';
import type { ListenerInfo } from './info';
import { stopAll } from './instances';
import { followLog, printLastLines } from './logs';
import { DEFAULT_KAFKA_VERSION } from './paths';

const USAGE = `usage: tsx harness/broker/cli.ts <start|stop|logs|stop-node|start-node> [--version V] [--cluster N] [--node I] [--kill] [--all] [--no-follow]
  default version: ${DEFAULT_KAFKA_VERSION}`;

const out = (s: string): void => void process.stdout.write(s);

function printListeners(listeners: ListenerInfo[], indent = '[broker]   '): void {
  for (const l of listeners) {
    const sasl = l.saslMechanisms.length > 0 ? ` [${l.saslMechanisms.join(', ')}]` : '';
    const adv = l.advertisedHost !== undefined ? ` advertises ${l.advertisedHost}:${l.advertisedPort}` : '';
    out(
      `${indent}${l.name.padEnd(20)} ${l.bootstrap.padEnd(16)} ${l.securityProtocol}${sasl}${l.clientAuthRequired ? ' (client cert required)' : ''}${adv}\n`,
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      version: { type: 'string' },
      cluster: { type: 'string' },
      node: { type: 'string' },
      kill: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      'no-follow': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [cmd] = positionals;
  const version = values.version ?? DEFAULT_KAFKA_VERSION;
  const nodes = values.cluster === undefined ? undefined : Number(values.cluster);
  const nodeId = values.node === undefined ? undefined : Number(values.node);
  const log = (m: string): void => out(`[broker] ${m}\n`);
  if (values.help || !cmd) {
    out(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const needNode = (): number => {
    if (nodes === undefined || nodeId === undefined || !Number.isInteger(nodeId))
      throw new Error(`${cmd} needs --cluster N --node I`);
    return nodeId;
  };
  switch (cmd) {
    case 'start': {
      if (nodes !== undefined) {
        const r = await startCluster({ version, nodes, log });
        const secs = (r.elapsedMs / 1000).toFixed(1);
        out(
          r.alreadyRunning
            ? `[broker] Kafka ${version} ${nodes}-node cluster already running, checked in ${secs}s\n`
            : `[broker] Kafka ${version} ${nodes}-node cluster ready in ${secs}s (launched node(s) ${r.launched.join(', ')}${r.formatted ? ', freshly formatted' : ''}${r.resolvedJars ? ', jars resolved with Maven' : ''})\n`,
        );
        for (const n of r.info.nodes) {
          out(`[broker]   node ${n.nodeId} (pid ${n.pid})\n`);
          printListeners(Object.values(n.listeners), '[broker]     ');
        }
        out(`[broker] bootstrap: ${r.info.bootstrap}\n[broker] info: ${r.infoPath}\n`);
        return 0;
      }
      const r = await startBroker({ version, log });
      const secs = (r.elapsedMs / 1000).toFixed(1);
      out(
        r.alreadyRunning
          ? `[broker] Kafka ${version} already running (pid ${r.info.pid}), checked in ${secs}s\n`
          : `[broker] Kafka ${version} ready in ${secs}s (pid ${r.info.pid}${r.formatted ? ', freshly formatted' : ''}${r.resolvedJars ? ', jars resolved with Maven' : ''})\n`,
      );
      printListeners(Object.values(r.info.listeners));
      out(`[broker] OIDC token endpoint: ${r.info.oidc.tokenEndpoint}\n`);
      if (r.info.kerberos)
        out(
          `[broker] Kerberos KDC: ${r.info.kerberos.kdcHost}:${r.info.kerberos.kdcPort} (${r.info.kerberos.realm})\n`,
        );
      out(`[broker] info: ${r.infoPath}\n`);
      return 0;
    }
    case 'stop': {
      const results = values.all
        ? await stopAll()
        : [nodes !== undefined ? await stopCluster({ version, nodes }) : await stopBroker(version)];
      if (results.length === 0) out('[broker] no broker instances found\n');
      for (const r of results) out(`[broker] ${r.instance}: ${r.outcome}\n`);
      return 0;
    }
    case 'stop-node': {
      const r = await stopClusterNode(needNode(), { version, nodes, kill: values.kill });
      out(`[broker] node ${r.nodeId}: ${r.outcome} in ${(r.elapsedMs / 1000).toFixed(1)}s\n`);
      return 0;
    }
    case 'start-node': {
      const r = await startClusterNode(needNode(), { version, nodes, log });
      out(
        r.alreadyRunning
          ? `[broker] node ${r.nodeId} already running (pid ${r.pid})\n`
          : `[broker] node ${r.nodeId} ready in ${(r.elapsedMs / 1000).toFixed(1)}s (pid ${r.pid})\n`,
      );
      return 0;
    }
    case 'logs': {
      const path =
        nodes !== undefined ? clusterLogPath(nodeId ?? 1, { version, nodes }) : brokerLogPath(version);
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
