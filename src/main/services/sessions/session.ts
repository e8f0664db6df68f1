/**
 * One live session: a profile's Pool, its event ring and batcher, and periodic snapshots.
 * Runs start → (connected | failed) → stop, any number of times (reconnect); the event
 * history and its sequence numbers carry on across restarts.
 */
import type { PoolOptions, PoolStreamEvent } from '../../core';
import type {
  EventBufferInfo,
  SessionSnapshot,
  SessionStatus,
  SessionSummary,
} from '@shared/api/session-snapshot';
import type { Emit } from '../../transport/event-bus';
import { redact } from '../secrets/redact';
import { EventBatcher } from './event-batcher';
import type { CreatePool, PoolLike } from './pool-like';
import { EventRing } from './ring-buffer';
import { buildSnapshot } from './snapshot';

export interface SessionTuning {
  /** Events kept per session for paging back (default 20 000). */
  bufferCap?: number;
  batchIntervalMs?: number;
  maxBatch?: number;
  /** How often a snapshot is pushed while something changed (default 300 ms). */
  snapshotIntervalMs?: number;
  /** How long disconnect lets in-flight requests finish (default 2 s). */
  shutdownDeadlineMs?: number;
}

export const DEFAULT_BUFFER_CAP = 20_000;

export class Session {
  status: SessionStatus = 'connecting';
  startedAt = Date.now();
  endedAt: number | null = null;
  error: string | null = null;
  profileName: string;
  private pool: PoolLike | null = null;
  private generation = 0;
  private dirty = true;
  private secretValues: string[] = [];
  private readonly ring: EventRing<PoolStreamEvent>;
  private readonly batcher: EventBatcher<PoolStreamEvent>;
  private readonly snapshotTimer: NodeJS.Timeout;
  private readonly onEvent = (e: PoolStreamEvent): void => {
    this.batcher.push(e);
    this.dirty = true;
  };

  constructor(
    readonly id: string,
    readonly profileId: string,
    profileName: string,
    private readonly deps: {
      emit: Emit;
      createPool: CreatePool;
      onStatus: () => void;
      tuning: SessionTuning;
    },
  ) {
    this.profileName = profileName;
    this.ring = new EventRing(deps.tuning.bufferCap ?? DEFAULT_BUFFER_CAP);
    this.batcher = new EventBatcher({
      sessionId: id,
      ring: this.ring,
      ...(deps.tuning.batchIntervalMs ? { intervalMs: deps.tuning.batchIntervalMs } : {}),
      ...(deps.tuning.maxBatch ? { maxBatch: deps.tuning.maxBatch } : {}),
      send: (batch) => deps.emit('sessions.events', batch),
    });
    this.snapshotTimer = setInterval(() => this.tick(), deps.tuning.snapshotIntervalMs ?? 300);
    this.snapshotTimer.unref?.();
  }

  get live(): boolean {
    return this.status === 'connecting' || this.status === 'connected';
  }

  /** Creates the pool and starts it in the background; the outcome arrives as a status change. */
  start(options: PoolOptions, profileName: string, secretValues: string[]): void {
    this.profileName = profileName;
    this.secretValues = secretValues;
    if (this.pool && this.live) void this.closePool(0); // never two pools for one session
    const gen = ++this.generation;
    const pool = this.deps.createPool(options);
    this.pool = pool;
    pool.on('event', this.onEvent);
    this.startedAt = Date.now();
    this.endedAt = null;
    this.error = null;
    this.setStatus('connecting');
    pool.start().then(
      () => {
        if (gen === this.generation) this.setStatus('connected');
      },
      (err: unknown) => {
        if (gen !== this.generation) return;
        this.error = redact((err as Error).message ?? String(err), this.secretValues);
        void this.closePool(0).then(() => {
          if (gen === this.generation) this.setStatus('failed');
        });
      },
    );
  }

  /** Closes every connection (SHUTDOWN), letting in-flight requests finish until the deadline. */
  async stop(deadlineMs = this.deps.tuning.shutdownDeadlineMs ?? 2000): Promise<void> {
    this.generation++;
    if (!this.live) return; // already ended (failed or disconnected)
    if (!this.pool) return this.setStatus('disconnected');
    this.setStatus('disconnecting');
    await this.closePool(deadlineMs);
    this.setStatus('disconnected');
  }

  /** Stops timers after a last flush; the session is gone. */
  dispose(): void {
    this.batcher.close();
    clearInterval(this.snapshotTimer);
  }

  currentPool(): PoolLike | null {
    return this.status === 'connected' ? this.pool : null;
  }

  summary(): SessionSummary {
    return {
      sessionId: this.id,
      profileId: this.profileId,
      profileName: this.profileName,
      status: this.status,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      error: this.error,
    };
  }

  bufferInfo(): EventBufferInfo {
    return {
      cap: this.ring.capacity,
      buffered: this.ring.size,
      oldestSeq: this.ring.oldestSeq,
      newestSeq: this.ring.newestSeq,
      droppedTotal: this.batcher.droppedTotal,
      evictedTotal: this.ring.evicted,
    };
  }

  snapshot(): SessionSnapshot {
    return buildSnapshot(this.summary(), this.pool, this.bufferInfo());
  }

  page(
    beforeSeq: number | undefined,
    limit: number,
  ): {
    events: { seq: number; event: PoolStreamEvent }[];
    hasMore: boolean;
    oldestSeq: number | null;
    newestSeq: number;
  } {
    const { items, hasMore } = this.ring.page(beforeSeq, limit);
    return {
      events: items.map(({ seq, item }) => ({ seq, event: item })),
      hasMore,
      oldestSeq: this.ring.oldestSeq,
      newestSeq: this.ring.newestSeq,
    };
  }

  redact(text: string): string {
    return redact(text, this.secretValues);
  }

  private async closePool(deadlineMs: number): Promise<void> {
    const pool = this.pool;
    if (!pool) return;
    try {
      await pool.shutdown(deadlineMs);
    } finally {
      // The pool stays for snapshots (its last cluster view); currentPool() no longer offers it.
      pool.off('event', this.onEvent);
      this.batcher.flush();
    }
  }

  private setStatus(status: SessionStatus): void {
    if (status === 'disconnected' || status === 'failed') this.endedAt = Date.now();
    this.status = status;
    this.dirty = true;
    this.batcher.flush();
    this.tick();
    this.deps.onStatus();
  }

  private tick(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.deps.emit('sessions.snapshot', this.snapshot());
  }
}
