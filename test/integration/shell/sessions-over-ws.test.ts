// Sessions end to end over the loopback WebSocket transport, against the real broker: a
// PLAINTEXT profile and a SASL_SSL SCRAM-SHA-512 profile connect at once, event batches
// and snapshots arrive (broker READY, versions negotiated), the inspector sends a
// Metadata request, disconnect closes every connection with SHUTDOWN, and the password
// appears nowhere in what the renderer received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBrokerInfo } from '../../../harness/broker/info';
import { events as contractEvents, type EventName } from '../../../src/shared/api/contract';
import type { EventBatch } from '../../../src/shared/api/sessions';
import type { SessionSnapshot } from '../../../src/shared/api/session-snapshot';
import { createDispatcher } from '../../../src/main/transport/dispatcher';
import { startWebSocketHost, type WebSocketHost } from '../../../src/main/transport/websocket-host';
import { createHandlers } from '../../../src/main/services/handlers';
import { createTestServices } from '../../../src/main/services/testing/test-services';
import { DEFAULT_MAX_BATCH } from '../../../src/main/services/sessions/event-batcher';
import { filesContaining } from '../../../src/main/services/testing/grep-dir';
import { WsApiClient } from './ws-client';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const info = readBrokerInfo();
const plaintext = info.listeners.PLAINTEXT;
const saslSsl = info.listeners.SASL_SSL;
const scram = info.users.scramSha512;

let services: ReturnType<typeof createTestServices>;
let host: WebSocketHost;
let client: WsApiClient;

beforeAll(async () => {
  services = createTestServices('web');
  const staticDir = mkdtempSync(join(tmpdir(), 'bs-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  host = await startWebSocketHost({ dispatch: createDispatcher(createHandlers(services)), staticDir });
  services.bus.addSink(host.broadcast);
  client = await WsApiClient.open(host.port, host.token);
});

afterAll(async () => {
  client?.close();
  await services?.close(1000);
  await host?.close();
});

const batchesOf = (sessionId: string): EventBatch[] =>
  client.of('sessions.events').filter((b) => b.sessionId === sessionId);
const eventsOf = (sessionId: string) => batchesOf(sessionId).flatMap((b) => b.events.map((e) => e.event));
const lastSnapshot = (sessionId: string): SessionSnapshot | undefined =>
  client
    .of('sessions.snapshot')
    .filter((s) => s.sessionId === sessionId)
    .at(-1);

describe('sessions over the WebSocket transport, against the real broker', () => {
  let plainId = '';
  let scramId = '';

  it('in web mode, asks before storing a secret, then stores it encrypted', async () => {
    const status = await client.call('secrets.status', {});
    expect(status).toMatchObject({ backend: 'key-file', consentRequired: true, canStoreSecrets: false });
    await expect(
      client.call('profiles.create', {
        profile: {
          name: 'x',
          bootstrapServers: [saslSsl.bootstrap],
          securityProtocol: 'SASL_SSL',
          sasl: { mechanism: 'SCRAM-SHA-512', username: scram.username },
        },
        secrets: { saslPassword: scram.password },
      }),
    ).rejects.toThrow('No OS keychain');
    expect(await client.call('secrets.allowPlaintext', { allow: true })).toMatchObject({
      canStoreSecrets: true,
    });
  });

  it('creates a PLAINTEXT and a SASL_SSL SCRAM-SHA-512 profile', async () => {
    const plain = await client.call('profiles.create', {
      profile: {
        name: 'local plaintext',
        bootstrapServers: [plaintext.bootstrap],
        securityProtocol: 'PLAINTEXT',
        tagIds: ['dev'],
      },
    });
    const secure = await client.call('profiles.create', {
      profile: {
        name: 'local scram',
        bootstrapServers: [saslSsl.bootstrap],
        clientId: 'brokerscope-shell-test',
        securityProtocol: 'SASL_SSL',
        sasl: { mechanism: 'SCRAM-SHA-512', username: scram.username },
        tls: { ca: { kind: 'file', path: saslSsl.tls!.caPath } },
        timeouts: { connectTimeoutMs: 8000 },
      },
      secrets: { saslPassword: scram.password },
    });
    expect(secure.secretsSet.saslPassword).toBe(true);
    expect(JSON.stringify(secure)).not.toContain(scram.password);
    expect((await client.call('profiles.list', {})).profiles.map((p) => p.name)).toEqual([
      'local plaintext',
      'local scram',
    ]);
    plainId = (await client.call('sessions.connect', { profileId: plain.id })).sessionId;
    scramId = (await client.call('sessions.connect', { profileId: secure.id })).sessionId;
    expect(plainId).not.toBe(scramId);
  });

  it('both sessions reach READY: snapshots show the broker with negotiated versions', async () => {
    const ready = (id: string): boolean => {
      const s = lastSnapshot(id);
      return (
        s?.status === 'connected' &&
        s.cluster?.brokers.some((b) => b.connection?.state === 'READY' && !!b.connection.versions) === true
      );
    };
    await client.waitFor('both sessions READY', () => ready(plainId) && ready(scramId));
    for (const id of [plainId, scramId]) {
      const snap = (await client.call('sessions.snapshot', { sessionId: id })) as SessionSnapshot;
      expect(snap.status).toBe('connected');
      expect(snap.cluster?.clusterId).toBe(info.clusterId);
      const broker = snap.cluster!.brokers.find((b) => b.nodeId === info.nodeId)!;
      expect(broker.connection?.state).toBe('READY');
      expect(broker.connection?.versions?.find((v) => v.name === 'Metadata')?.selected).toBeGreaterThan(0);
      expect(broker.connection?.stats.txRequests).toBeGreaterThan(0);
      expect(snap.connections.length).toBeGreaterThan(0);
      expect(snap.connections.every((c) => Array.isArray(c.inFlight))).toBe(true);
      expect(snap.events.newestSeq).toBeGreaterThan(0);
    }
    expect((await client.call('sessions.list', {})).map((s) => s.status)).toEqual(['connected', 'connected']);
  });

  it('events arrive in bounded batches, and the SCRAM session shows TLS and SCRAM-SHA-512', async () => {
    for (const id of [plainId, scramId]) {
      const batches = batchesOf(id);
      const count = eventsOf(id).length;
      expect(batches.length).toBeGreaterThan(0);
      expect(batches.length).toBeLessThan(count); // batched, not one message per event
      expect(batches.every((b) => b.events.length <= DEFAULT_MAX_BATCH && b.dropped === 0)).toBe(true);
      const seqs = batches.flatMap((b) => b.events.map((e) => e.seq));
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    const types = eventsOf(scramId).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'pool.bootstrap',
        'dns',
        'tcp.connected',
        'tls',
        'versions',
        'auth.handshake',
        'auth.success',
        'pool.metadata',
      ]),
    );
    const auth = eventsOf(scramId).find((e) => e.type === 'auth.success');
    expect(auth && 'mechanism' in auth && auth.mechanism).toBe('SCRAM-SHA-512');
    expect(eventsOf(plainId).some((e) => e.type === 'tls')).toBe(false);
  });

  it('pages back through older events', async () => {
    const newest = (await client.call('sessions.snapshot', { sessionId: scramId })).events.newestSeq;
    const page = await client.call('sessions.events.page', {
      sessionId: scramId,
      beforeSeq: newest,
      limit: 5,
    });
    expect(page.events.map((e) => e.seq)).toEqual([
      newest - 5,
      newest - 4,
      newest - 3,
      newest - 2,
      newest - 1,
    ]);
    expect(page.hasMore).toBe(true);
  });

  it('the inspector sends a read-only Metadata request through a session', async () => {
    const reply = await client.call('sessions.send', {
      sessionId: scramId,
      request: { apiKey: 3, body: { topics: null } },
    });
    expect(reply).toMatchObject({ nodeId: info.nodeId, apiName: 'Metadata' });
    // The reply names the connection and correlation id its events carry.
    await client.waitFor('the request\'s response event', () =>
      eventsOf(scramId).some((e) => e.type === 'response' && e.connectionId === reply.connectionId && e.correlationId === reply.correlationId && e.apiKey === 3),
    );
    expect((reply.response as { brokers: { nodeId: number }[] }).brokers.map((b) => b.nodeId)).toContain(
      info.nodeId,
    );
    await expect(
      client.call('sessions.send', { sessionId: scramId, request: { apiKey: 19, body: {} } } as never),
    ).rejects.toThrow('BAD_REQUEST: sessions.send: invalid payload: request.apiKey');
  });

  it('disconnect closes every connection with SHUTDOWN', async () => {
    for (const id of [plainId, scramId]) {
      const open = new Set(lastSnapshot(id)!.connections.map((c) => c.connectionId));
      expect(open.size).toBeGreaterThan(0);
      expect(await client.call('sessions.disconnect', { sessionId: id })).toEqual({
        sessionId: id,
        forgotten: false,
      });
      await client.waitFor('the disconnected snapshot', () => lastSnapshot(id)?.status === 'disconnected');
      const closes = eventsOf(id).filter((e) => e.type === 'close' && open.has(e.connectionId));
      expect(closes.map((e) => e.type === 'close' && e.reason)).toEqual([...open].map(() => 'SHUTDOWN'));
      expect(eventsOf(id).some((e) => e.type === 'pool.shutdown')).toBe(true);
    }
  });

  it('every event received matches the contract', () => {
    for (const e of client.events) {
      const schema = contractEvents[e.event as EventName];
      expect(schema, e.event).toBeDefined();
      const parsed = schema.safeParse(e.payload);
      expect(parsed.success, `${e.event}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('a wrong password fails the session with a clear reason', async () => {
    const bad = await client.call('profiles.create', {
      profile: {
        name: 'wrong password',
        bootstrapServers: [saslSsl.bootstrap],
        securityProtocol: 'SASL_SSL',
        sasl: { mechanism: 'SCRAM-SHA-512', username: scram.username },
        tls: { ca: { kind: 'file', path: saslSsl.tls!.caPath } },
      },
      secrets: { saslPassword: `${scram.password}-nope` },
    });
    const { sessionId } = await client.call('sessions.connect', { profileId: bad.id });
    await client.waitFor('the failed session', () => lastSnapshot(sessionId)?.status === 'failed');
    expect(lastSnapshot(sessionId)!.error).toMatch(/auth|SASL|SCRAM/i);
    expect(eventsOf(sessionId).some((e) => e.type === 'close' && e.reason === 'AUTH_FAILURE')).toBe(true);
  });

  it('a missing CA file fails the connect call, naming the field and the path', async () => {
    const missing = join(tmpdir(), 'no-such-ca.pem');
    const p = await client.call('profiles.create', {
      profile: {
        name: 'missing ca',
        bootstrapServers: [saslSsl.bootstrap],
        securityProtocol: 'SSL',
        tls: { ca: { kind: 'file', path: missing } },
      },
    });
    await expect(client.call('sessions.connect', { profileId: p.id })).rejects.toThrow(
      `FAILED: sessions.connect: tls.ca.path: file not found: ${missing}`,
    );
  });

  it('the password appears nowhere: not on the wire, not in the data folder', () => {
    const wire = client.raw.join('\n');
    for (const form of [scram.password, Buffer.from(scram.password).toString('base64')])
      expect(wire).not.toContain(form);
    expect(filesContaining(services.dataDir, scram.password)).toEqual([]);
  });
});
