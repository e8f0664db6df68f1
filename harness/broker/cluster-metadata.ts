// Cluster readiness as a client sees it: Metadata (v1, raw wire) from a node lists every broker.
import { ApiKey, decodeMetadata, metadataBody } from '../../test/support/kafka-wire';
import { withConnection } from '../../test/support/raw-connection';
import { HOST } from './ports';
import { HarnessError } from './tools';
import { sleep } from './wait';

/** Broker ids a node's Metadata currently lists (fenced or stopped brokers drop out). */
export async function metadataBrokerIds(port: number): Promise<number[]> {
  return withConnection({ host: HOST, port }, async (c) => {
    const res = await c.request(ApiKey.Metadata, 1, metadataBody(1, []));
    return decodeMetadata(1, res.body)
      .brokers.map((b) => b.nodeId)
      .sort((a, b) => a - b);
  });
}

/** Waits until the Metadata of each of `ports` lists `count` brokers. */
export async function waitForBrokers(ports: number[], count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (const port of ports) {
    for (;;) {
      const ids = await metadataBrokerIds(port).catch((e: Error) => e.message);
      if (Array.isArray(ids) && ids.length === count) break;
      last = `${HOST}:${port} lists ${JSON.stringify(ids)}`;
      if (Date.now() > deadline)
        throw new HarnessError(`cluster not complete after ${timeoutMs} ms: ${last}`);
      await sleep(100);
    }
  }
}
