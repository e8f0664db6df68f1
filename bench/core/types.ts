/** Shapes shared by the bench orchestrator (main.ts), the Node workers and the Python peer. */

export const APIS = ['metadata', 'apiversions'] as const;
export type Api = (typeof APIS)[number];

export const API_KEY: Record<Api, number> = { metadata: 3, apiversions: 18 };
export const API_LABEL: Record<Api, string> = { metadata: 'Metadata', apiversions: 'ApiVersions' };

export const CLIENTS = ['ours', 'platformatic', 'kafkajs', 'aiokafka', 'raw'] as const;
export type ClientName = (typeof CLIENTS)[number];
export type NodeClientName = Exclude<ClientName, 'aiokafka'>;
/** The clients ours is compared with (raw is a reference floor, not a peer). */
export const PEERS: readonly ClientName[] = ['platformatic', 'kafkajs', 'aiokafka'];

export const CLIENT_LABEL: Record<ClientName, string> = {
  ours: 'brokerscope',
  platformatic: '@platformatic/kafka',
  kafkajs: 'kafkajs',
  aiokafka: 'aiokafka',
  raw: 'raw socket (ref.)',
};

/** First line a worker prints once its one connection is up. */
export interface ReadyInfo {
  ready: true;
  client: ClientName;
  /** Package version of the client. */
  version: string;
  runtime: string;
  /** Request version each API is sent at. */
  apiVersions: Record<Api, number>;
  /** What the probe replies contained (sanity check that the workload is what we think). */
  probe?: Record<string, unknown>;
}

/** One line of stdin to a worker. */
export type WorkerCommand =
  { cmd: 'run'; api: Api; inflight: number; warmupMs: number; durationMs: number } | { cmd: 'quit' };

/** One measured (client, api, in-flight) cell. */
export interface CellResult {
  client: ClientName;
  api: Api;
  inflight: number;
  /** Round trips completed inside the measured window. */
  count: number;
  elapsedMs: number;
  rps: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Client process CPU (user + system) over the measured window. */
  cpuMs: number;
  cpuUsPerRt: number | null;
  errors: number;
  firstError: string | null;
}
