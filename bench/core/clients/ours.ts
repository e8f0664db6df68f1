/** brokerscope's own connection core: one Connection, requests pipelined by send(). */
import { Connection, type SendOptions } from '../../../src/main/core/index';
import type { BenchClient, Issue } from '../loop';
import { API_KEY, type Api } from '../types';

const BODY: Record<Api, unknown> = {
  metadata: { topics: [], allowAutoTopicCreation: false },
  apiversions: { clientSoftwareName: 'brokerscope-bench', clientSoftwareVersion: '0.1.0' },
};

/** pinned: request versions to use instead of the negotiated ones (to compare at a peer's versions). */
export async function createOurs(
  host: string,
  port: number,
  maxInFlight: number,
  version: string,
  pinned: Partial<Record<Api, number>> = {},
): Promise<BenchClient> {
  const conn = await Connection.connect({
    host,
    port,
    clientId: 'bench-brokerscope',
    maxInFlight,
    requestTimeoutMs: 30_000,
  });
  const apiVersions = {
    metadata: pinned.metadata ?? conn.pickVersion(API_KEY.metadata),
    apiversions: pinned.apiversions ?? conn.pickVersion(API_KEY.apiversions),
  };
  const opts: Record<Api, SendOptions> = {
    metadata: { version: apiVersions.metadata },
    apiversions: { version: apiVersions.apiversions },
  };

  const md = (await conn.send(API_KEY.metadata, BODY.metadata, opts.metadata)) as {
    brokers?: unknown[];
    clusterId?: string | null;
  };
  const av = (await conn.send(API_KEY.apiversions, BODY.apiversions, opts.apiversions)) as {
    errorCode?: number;
    apiKeys?: unknown[];
  };
  if (!Array.isArray(md.brokers) || md.brokers.length === 0)
    throw new Error('brokerscope: Metadata reply has no brokers');
  if (av.errorCode !== 0 || !Array.isArray(av.apiKeys) || av.apiKeys.length === 0)
    throw new Error('brokerscope: ApiVersions reply is not a success');
  const probe = { brokers: md.brokers.length, clusterId: md.clusterId ?? null, apiKeys: av.apiKeys.length };

  return {
    name: 'ours',
    version,
    apiVersions,
    probe,
    issuer(api: Api): Issue {
      const apiKey = API_KEY[api];
      const body = BODY[api];
      // Without a pin, send() picks the negotiated version itself, as an application would call it.
      const options = pinned[api] === undefined ? undefined : opts[api];
      return (done) => {
        conn.send(apiKey, body, options).then(
          () => done(null),
          (err: Error) => done(err),
        );
      };
    },
    close: () => conn.close(),
  };
}
