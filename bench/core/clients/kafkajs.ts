/**
 * kafkajs at its lowest level: one `Connection` from kafkajs/src/network/connection.js, sent
 * request/response pairs built from kafkajs/src/protocol/requests. This is what kafkajs's Broker
 * does underneath; no Broker, no Cluster, no client. maxInFlightRequests is set to the largest
 * in-flight level of the run, so its RequestQueue never holds anything back in a closed loop
 * (which never has more than N outstanding anyway).
 */
import { createRequire } from 'node:module';
import type { BenchClient, Issue } from '../loop';
import type { Api } from '../types';
import { packageVersion } from './pkg';

const require = createRequire(import.meta.url);

interface KRequest {
  apiKey: number;
  apiVersion: number;
  apiName: string;
}
interface KProtocol {
  request: KRequest;
  response: unknown;
}
interface KConnection {
  connect(): Promise<boolean>;
  disconnect(): Promise<boolean>;
  send(protocol: KProtocol & { logResponseError?: boolean }): Promise<unknown>;
}
type KConnectionCtor = new (options: {
  host: string;
  port: number;
  logger: unknown;
  socketFactory: unknown;
  clientId: string;
  requestTimeout: number;
  connectionTimeout: number;
  maxInFlightRequests: number | null;
}) => KConnection;
type KRequestModule = {
  versions: string[];
  protocol: (o: { version: number }) => (args?: unknown) => KProtocol;
};

const KafkaConnection = require('kafkajs/src/network/connection') as KConnectionCtor;
const defaultSocketFactory = require('kafkajs/src/network/socketFactory') as () => unknown;
const { createLogger, LEVELS } = require('kafkajs/src/loggers') as {
  createLogger: (o: { level: number; logCreator: (level: number) => (entry: unknown) => void }) => unknown;
  LEVELS: Record<string, number>;
};
const metadataRequests = require('kafkajs/src/protocol/requests/metadata') as KRequestModule;
const apiVersionsRequests = require('kafkajs/src/protocol/requests/apiVersions') as KRequestModule;

const highest = (m: KRequestModule): number => Math.max(...m.versions.map(Number));

export async function createKafkajs(host: string, port: number, maxInFlight: number): Promise<BenchClient> {
  const conn = new KafkaConnection({
    host,
    port,
    logger: createLogger({ level: LEVELS.NOTHING!, logCreator: () => () => undefined }),
    socketFactory: defaultSocketFactory(),
    clientId: 'bench-kafkajs',
    requestTimeout: 30_000,
    connectionTimeout: 10_000,
    maxInFlightRequests: maxInFlight,
  });
  await conn.connect();

  // As kafkajs's Broker does: ApiVersions at its highest version, then the highest common version per API.
  const avVersion = highest(apiVersionsRequests);
  const avProtocol = apiVersionsRequests.protocol({ version: avVersion })();
  const av = (await conn.send(avProtocol)) as {
    errorCode: number;
    apiVersions: { apiKey: number; minVersion: number; maxVersion: number }[];
  };
  if (av.errorCode !== 0 || av.apiVersions.length === 0)
    throw new Error('kafkajs: ApiVersions reply is not a success');
  const brokerMax = (key: number): number => av.apiVersions.find((k) => k.apiKey === key)?.maxVersion ?? -1;
  const mdVersion = Math.min(highest(metadataRequests), brokerMax(3));
  const mdProtocol = metadataRequests.protocol({ version: mdVersion })({
    topics: [],
    allowAutoTopicCreation: false,
  });
  const md = (await conn.send(mdProtocol)) as { brokers: unknown[]; clusterId?: string };
  if (md.brokers.length === 0) throw new Error('kafkajs: Metadata reply has no brokers');

  const protocols: Record<Api, KProtocol> = { metadata: mdProtocol, apiversions: avProtocol };
  return {
    name: 'kafkajs',
    version: packageVersion('kafkajs'),
    apiVersions: { metadata: mdVersion, apiversions: Math.min(avVersion, brokerMax(18)) },
    probe: { brokers: md.brokers.length, clusterId: md.clusterId ?? null, apiKeys: av.apiVersions.length },
    issuer(api: Api): Issue {
      const protocol = protocols[api];
      return (done) => {
        conn.send(protocol).then(
          () => done(null),
          (err: Error) => done(err),
        );
      };
    },
    close: async () => {
      await conn.disconnect();
    },
  };
}
