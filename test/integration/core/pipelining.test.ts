// Load on one connection: 10,000 pipelined requests, every reply matched in FIFO order.
import { describe, expect, it } from 'vitest';
import { ApiKey, Connection } from '../../../src/main/core';
import { optionsFor } from '../../support/connect-options';

describe('pipelining', () => {
  it('matches 10,000 pipelined requests on one connection', async () => {
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), maxInFlight: 256 });
    const answered: number[] = [];
    conn.on('event', (e) => {
      if (e.type === 'response') answered.push(e.correlationId);
    });
    try {
      const sends = Array.from({ length: 10_000 }, (_, i) =>
        i % 2 === 0
          ? conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false })
          : conn.send(ApiKey.ApiVersions, { clientSoftwareName: 'brokerscope', clientSoftwareVersion: '0.1.0' }),
      );
      // While they run, at most maxInFlight are on the wire and the rest wait in the queue.
      await Promise.resolve();
      const snapshot = conn.inFlight();
      expect(snapshot.length).toBeGreaterThan(0);
      expect(snapshot.filter((r) => r.sentAt !== null).length).toBeLessThanOrEqual(256);

      const results = await Promise.all(sends);
      results.forEach((r, i) => {
        if (i % 2 === 0) expect(r.brokers).toHaveLength(1);
        else expect(r.apiKeys.length).toBeGreaterThan(50);
      });
      expect(answered).toHaveLength(10_000);
      for (let i = 1; i < answered.length; i++) expect(answered[i]).toBe(answered[i - 1]! + 1);
      const stats = conn.stats();
      expect(stats.requestsByApi.Metadata?.requests).toBe(5000);
      expect(stats.requestsByApi.ApiVersions?.requests).toBe(5000);
      expect(stats.inFlight).toBe(0);
      expect(stats.queued).toBe(0);
      expect(stats.rttUs.count).toBe(10_001); // plus the setup ApiVersions
    } finally {
      await conn.close();
    }
  });

  it('wraps correlation ids at 2^31 and keeps matching', async () => {
    const conn = new Connection({ ...optionsFor('PLAINTEXT'), firstCorrelationId: 0x7fffffff - 2 });
    const ids: number[] = [];
    conn.on('event', (e) => {
      if (e.type === 'response') ids.push(e.correlationId);
    });
    await conn.open();
    try {
      for (let i = 0; i < 4; i++) await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
      expect(ids).toEqual([0x7fffffff - 1, 0x7fffffff, 0, 1]);
    } finally {
      await conn.close();
    }
  });

  it('resolves a request that expects no response once it is written', async () => {
    const conn = await Connection.connect(optionsFor('PLAINTEXT'));
    try {
      // acks=0 Produce to a topic the broker creates; the broker sends nothing back.
      const result = await conn.send(
        ApiKey.Produce,
        { transactionalId: null, acks: 0, timeoutMs: 1000, topicData: [] },
        { expectResponse: false },
      );
      expect(result).toBeUndefined();
      // The stream is still in sync afterwards.
      const md = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
      expect(md.brokers).toHaveLength(1);
    } finally {
      await conn.close();
    }
  });

  it('fills in the KIP-511 client software name for an ApiVersions request without one', async () => {
    const conn = await Connection.connect(optionsFor('PLAINTEXT'));
    try {
      const r = await conn.send(ApiKey.ApiVersions, {});
      expect(r.errorCode).toBe(0);
    } finally {
      await conn.close();
    }
  });

  it('rejects a request for an API the client cannot encode, without touching the stream', async () => {
    const conn = await Connection.connect(optionsFor('PLAINTEXT'));
    try {
      await expect(conn.send(9999, {})).rejects.toThrow(/9999/);
      const md = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
      expect(md.brokers).toHaveLength(1);
    } finally {
      await conn.close();
    }
  });
});
