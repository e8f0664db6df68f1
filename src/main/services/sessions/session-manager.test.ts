// Sessions over a fake pool (no broker): status flow, snapshots, batches, paging, several
// profiles at once, reconnect keeping the history, shutdown of everything, and secrets
// kept out of errors. The real pool is exercised in test/integration/shell.
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '@shared/api/contract';
import type { ClusterView, PoolOptions, PoolStreamEvent } from '../../core';
import { ProfileFieldsSchema, type ProfileSecrets, type StoredProfile } from '@shared/api/profile-schema';
import type { PoolLike } from './pool-like';
import { SessionManager } from './session-manager';

const SECRET = 'hunter2-very-secret';

class FakePool extends EventEmitter implements PoolLike {
  closed = false;
  constructor(
    readonly options: PoolOptions,
    private readonly fail: string | null,
  ) {
    super();
  }
  private conn(type: string, extra: Record<string, unknown>): PoolStreamEvent {
    return {
      seq: 1,
      time: Date.now(),
      mono: 0,
      connectionId: 'c1',
      broker: 'b:9092',
      nodeId: 1,
      type,
      ...extra,
    } as unknown as PoolStreamEvent;
  }
  async start(): Promise<ClusterView> {
    this.emit('event', this.conn('state', { from: 'INIT', to: 'DNS', msInPrevious: 0 }));
    if (this.fail) throw new Error(this.fail);
    this.emit('event', this.conn('state', { from: 'AUTH', to: 'READY', msInPrevious: 1 }));
    return this.cluster();
  }
  cluster(): ClusterView {
    const broker = {
      nodeId: 1,
      host: 'b',
      port: 9092,
      rack: null,
      isController: true,
      inMetadata: true,
      connection: null,
      backoff: null,
      lastError: null,
    };
    return {
      clusterId: 'c',
      controllerId: 1,
      brokers: [broker],
      bootstrap: ['b:9092'],
      metadataFetchedAt: 1,
    };
  }
  connections() {
    return [];
  }
  advertisedFindings() {
    return [];
  }
  async send(): Promise<unknown> {
    return { apiKeys: [], big: 5n };
  }
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.emit(
      'event',
      this.conn('close', {
        reason: 'SHUTDOWN',
        message: 'closed',
        kind: null,
        cause: null,
        state: 'READY',
        msInState: 1,
        inFlightFailed: 0,
        queuedFailed: 0,
      }),
    );
  }
}

function profile(id: string): StoredProfile {
  return {
    ...ProfileFieldsSchema.parse({
      name: `n-${id}`,
      bootstrapServers: ['b:9092'],
      securityProtocol: 'PLAINTEXT',
    }),
    id,
    createdAt: 1,
    updatedAt: 1,
  };
}

function setup(opts: { fail?: string } = {}) {
  const emitted: { event: EventName; payload: unknown }[] = [];
  const pools: FakePool[] = [];
  const manager = new SessionManager({
    profiles: {
      stored: async (id) =>
        id.startsWith('p') ? profile(id) : Promise.reject(new Error(`no profile with id "${id}"`)),
      secretsOf: async (): Promise<ProfileSecrets> => ({ saslPassword: SECRET }),
    },
    emit: (event, payload) => void emitted.push({ event, payload }),
    toOptions: async (p) => ({ bootstrap: p.bootstrapServers }),
    createPool: (o) => {
      const pool = new FakePool(o, opts.fail ?? null);
      pools.push(pool);
      return pool;
    },
    tuning: { batchIntervalMs: 50, snapshotIntervalMs: 50 },
  });
  const of = <E extends EventName>(e: E) =>
    emitted.filter((x) => x.event === e).map((x) => x.payload as EventPayload<E>);
  const settle = () => new Promise((r) => setTimeout(r, 20));
  return { manager, emitted, pools, of, settle };
}

describe('session manager', () => {
  it('connects, pushes snapshots and batches, pages back, and disconnects with SHUTDOWN', async () => {
    const { manager, of, settle } = setup();
    const { sessionId } = await manager.connect('p1');
    await settle();
    expect(manager.list()).toMatchObject([
      { sessionId, profileId: 'p1', profileName: 'n-p1', status: 'connected' },
    ]);
    expect(of('sessions.snapshot').at(-1)).toMatchObject({
      sessionId,
      status: 'connected',
      cluster: { clusterId: 'c' },
    });
    expect(of('sessions.changed').at(-1)!.sessions[0]!.status).toBe('connected');

    await manager.disconnect(sessionId, false);
    const events = of('sessions.events').flatMap((b) => b.events.map((e) => e.event.type));
    expect(events).toEqual(['state', 'state', 'close']);
    expect(of('sessions.snapshot').at(-1)!.status).toBe('disconnected');
    const page = manager.page(sessionId, 3, 10);
    expect(page.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(page).toMatchObject({ hasMore: false, oldestSeq: 1, newestSeq: 3 });
  });

  it('runs several profiles at once; connecting a live profile again returns its session', async () => {
    const { manager, pools } = setup();
    const a = await manager.connect('p1');
    const b = await manager.connect('p2');
    expect(a.sessionId).not.toBe(b.sessionId);
    expect((await manager.connect('p1')).sessionId).toBe(a.sessionId);
    expect(pools).toHaveLength(2);
    await manager.shutdownAll(100);
    expect(pools.every((p) => p.closed)).toBe(true);
    expect(manager.list().every((s) => s.status === 'disconnected')).toBe(true);
    await expect(manager.connect('p3')).rejects.toThrow('quitting');
  });

  it('reconnect starts a new pool and the event history carries on', async () => {
    const { manager, pools, settle } = setup();
    const { sessionId } = await manager.connect('p1');
    await settle();
    const summary = await manager.reconnect(sessionId);
    expect(summary.sessionId).toBe(sessionId);
    await settle();
    expect(pools).toHaveLength(2);
    expect(pools[0]!.closed).toBe(true);
    expect(manager.snapshot(sessionId).events.newestSeq).toBe(5); // 2 + close + 2
    expect(manager.list()[0]!.status).toBe('connected');
    await manager.disconnect(sessionId, true);
    expect(manager.list()).toEqual([]);
    expect(() => manager.snapshot(sessionId)).toThrow('sessionId: no session');
  });

  it('a failed start says why, with secrets taken out', async () => {
    const { manager, settle } = setup({ fail: `SASL authentication failed for password ${SECRET}` });
    const { sessionId } = await manager.connect('p1');
    await settle();
    const s = manager.list()[0]!;
    expect(s).toMatchObject({ sessionId, status: 'failed' });
    expect(s.error).toContain('SASL authentication failed');
    expect(s.error).not.toContain(SECRET);
  });

  it('the inspector answers JSON (int64 as strings) and only when connected', async () => {
    const { manager, settle } = setup();
    const { sessionId } = await manager.connect('p1');
    await settle();
    const reply = await manager.send({ sessionId, request: { apiKey: 18, body: {} } });
    expect(reply).toMatchObject({
      nodeId: 1,
      apiKey: 18,
      apiName: 'ApiVersions',
      response: { apiKeys: [], big: '5' },
    });
    await expect(manager.send({ sessionId, nodeId: 7, request: { apiKey: 18, body: {} } })).rejects.toThrow(
      'nodeId: node 7 is not in the cluster (known: 1)',
    );
    await manager.disconnect(sessionId, false);
    await expect(manager.send({ sessionId, request: { apiKey: 18, body: {} } })).rejects.toThrow(
      'the session is disconnected, not connected',
    );
  });

  it('an unknown profile fails the call itself', async () => {
    const { manager } = setup();
    await expect(manager.connect('zzz')).rejects.toThrow('no profile with id "zzz"');
    expect(manager.list()).toEqual([]);
  });
});

describe('session manager, concurrent calls', () => {
  it('two connects of one profile make one session; two reconnects never leave a pool running', async () => {
    const { manager, pools, settle } = setup();
    const [a, b] = await Promise.all([manager.connect('p1'), manager.connect('p1')]);
    expect(a.sessionId).toBe(b.sessionId);
    await settle();
    await Promise.all([manager.reconnect(a.sessionId), manager.reconnect(a.sessionId)]);
    await settle();
    expect(pools).toHaveLength(3);
    expect(pools.filter((p) => !p.closed)).toHaveLength(1);
    await manager.shutdownAll(100);
    expect(pools.every((p) => p.closed)).toBe(true);
  });
});
