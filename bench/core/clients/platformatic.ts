/**
 * @platformatic/kafka at its lowest level: one `Connection` (dist/network/connection.js) and
 * the per-API functions (`metadataV12.api(connection, ...args, callback)`), which call
 * `connection.send(apiKey, apiVersion, createPayload, parser, ...)` directly. No client,
 * no pool, callbacks only: the promisified paths (`.async`, connect()/close() without a callback)
 * use Promise.withResolvers, which Node 20 lacks (the package's engines field says Node >= 22.22).
 */
import { apiVersionsV4, Connection, metadataV12 } from '@platformatic/kafka';
import type { BenchClient, Issue } from '../loop';
import type { Api } from '../types';
import { packageVersion } from './pkg';

type Cb<T> = (err: Error | null, value?: T) => void;

/** Runs a callback-style call as a promise (setup only; the measured path stays callback-only). */
function call<T>(fn: (cb: Cb<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));
}

export async function createPlatformatic(
  host: string,
  port: number,
  maxInflights: number,
): Promise<BenchClient> {
  const conn = new Connection('bench-platformatic', { maxInflights, requestTimeout: 30_000 });
  await call<void>((cb) => conn.connect(host, port, cb));

  // The highest versions this package implements are Metadata v12 and ApiVersions v4; check the broker has them.
  const av = await call<apiVersionsV4.ApiVersionsResponse>((cb) =>
    apiVersionsV4.api(conn, 'brokerscope-bench', '0.1.0', cb),
  );
  if (av.errorCode !== 0 || av.apiKeys.length === 0)
    throw new Error('@platformatic/kafka: ApiVersions reply is not a success');
  const brokerMax = (key: number): number => av.apiKeys.find((k) => k.apiKey === key)?.maxVersion ?? -1;
  if (brokerMax(3) < 12 || brokerMax(18) < 4)
    throw new Error('@platformatic/kafka: the broker lacks Metadata v12 / ApiVersions v4');
  const md = await call<metadataV12.MetadataResponse>((cb) => metadataV12.api(conn, [], false, false, cb));
  if (md.brokers.length === 0) throw new Error('@platformatic/kafka: Metadata reply has no brokers');

  return {
    name: 'platformatic',
    version: packageVersion('@platformatic/kafka'),
    apiVersions: { metadata: 12, apiversions: 4 },
    probe: { brokers: md.brokers.length, clusterId: md.clusterId, apiKeys: av.apiKeys.length },
    issuer(api: Api): Issue {
      if (api === 'metadata') {
        const metadata = metadataV12.api;
        return (done) => metadata(conn, [], false, false, (err) => done(err ?? null));
      }
      const apiVersions = apiVersionsV4.api;
      return (done) => apiVersions(conn, 'brokerscope-bench', '0.1.0', (err) => done(err ?? null));
    },
    close: () => call<void>((cb) => conn.close(cb)),
  };
}
