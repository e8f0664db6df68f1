/** The pool's own events; connection events are forwarded beside them unchanged. */
import type { CloseReason } from '../connection/close-reason';
import type { FailureKind } from '../connection/failure-kind';
import type { ConnectionEvent } from '../observe/events';
import type { AdvertisedFinding } from './advertised-check';
import type { BrokerNode } from './cluster-view';

export type MetadataTrigger = 'bootstrap' | 'timer' | 'connection-lost' | 'manual';

export type PoolEventBody =
  | { type: 'pool.bootstrap'; addresses: string[] }
  | { type: 'pool.dial'; key: string; nodeId: number | null; address: string; attempt: number }
  | { type: 'pool.connected'; key: string; nodeId: number | null; address: string; connectionId: string }
  | {
      type: 'pool.backoff';
      key: string;
      nodeId: number | null;
      address: string;
      attempt: number;
      delayMs: number;
      kind: FailureKind | null;
      error: string;
      /** "next attempt in 400 ms". */
      message: string;
    }
  | { type: 'pool.disconnected'; key: string; nodeId: number | null; reason: CloseReason; message: string }
  | { type: 'pool.retire'; key: string; address: string; why: string }
  | {
      type: 'pool.metadata';
      trigger: MetadataTrigger;
      clusterId: string | null;
      controllerId: number | null;
      brokers: BrokerNode[];
      source: string;
    }
  | { type: 'pool.metadata-failed'; trigger: MetadataTrigger; error: string }
  | { type: 'pool.advertised-check'; findings: AdvertisedFinding[]; checked: number }
  | { type: 'pool.reaped'; key: string; idleMs: number }
  | { type: 'pool.shutdown'; drained: boolean; closed: number; ms: number };

export type PoolEvent = { time: number; mono: number; poolId: string } & PoolEventBody;

export type PoolStreamEvent = PoolEvent | ConnectionEvent;
