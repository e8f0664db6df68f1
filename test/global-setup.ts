// Integration-project global setup: makes sure the default test broker (Kafka 4.1.1, see
// harness/broker) is running, starting it in-process with the same code as
// `npm run broker:start` when it isn't, and hands its info-JSON path to the tests, both as
// `inject('brokerInfoPath')` and as $BROKERSCOPE_BROKER_INFO (read by readBrokerInfo()).
//
// BROKERSCOPE_BROKER_VERSION=3.9.1 runs the suite against another Kafka version's broker
// (its own instance, ports and info JSON; see `npm run broker:start -- --version`).
//
// There is deliberately no teardown: the broker is left running after the run, whether this
// setup started it or not, so the next run (and anyone else using it) starts in ~0 s.
// Stop it with `npm run broker:stop` (CI does this after the tests).
import type { TestProject } from 'vitest/node';
import { startBroker } from '../harness/broker/broker';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the default test broker's info JSON (see harness/broker/info.ts). */
    brokerInfoPath: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const log = (m: string): void => void process.stdout.write(`[broker] ${m}\n`);
  const r = await startBroker({ version: process.env.BROKERSCOPE_BROKER_VERSION || undefined, log });
  log(
    r.alreadyRunning
      ? `using running Kafka ${r.info.version} (pid ${r.info.pid}): ${r.infoPath}`
      : `started Kafka ${r.info.version} in ${(r.elapsedMs / 1000).toFixed(1)}s (pid ${r.info.pid}), left running after the tests: ${r.infoPath}`,
  );
  process.env.BROKERSCOPE_BROKER_INFO = r.infoPath;
  project.provide('brokerInfoPath', r.infoPath);
}
