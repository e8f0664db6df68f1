// Right settings on every listener of the real broker: READY, versions known, Metadata answered,
// and the handshake visible on the event stream.
import { describe, expect, it } from 'vitest';
import { ApiKey, Connection, ConnState } from '../../../src/main/core';
import { optionsFor, recorder } from '../../support/connect-options';
import type { ListenerName } from '../../../harness/broker/info';

const cases: { listener: ListenerName; states: string[]; tls: boolean; mechanism: string | null }[] = [
  { listener: 'PLAINTEXT', states: ['DNS', 'TCP_CONNECT', 'APIVERSION_QUERY', 'READY'], tls: false, mechanism: null },
  { listener: 'SSL', states: ['DNS', 'TCP_CONNECT', 'TLS_HANDSHAKE', 'APIVERSION_QUERY', 'READY'], tls: true, mechanism: null },
  { listener: 'MTLS', states: ['DNS', 'TCP_CONNECT', 'TLS_HANDSHAKE', 'APIVERSION_QUERY', 'READY'], tls: true, mechanism: null },
  {
    listener: 'SASL_PLAINTEXT',
    states: ['DNS', 'TCP_CONNECT', 'APIVERSION_QUERY', 'AUTH_HANDSHAKE', 'AUTH', 'READY'],
    tls: false,
    mechanism: 'PLAIN',
  },
  {
    listener: 'SASL_SSL',
    states: ['DNS', 'TCP_CONNECT', 'TLS_HANDSHAKE', 'APIVERSION_QUERY', 'AUTH_HANDSHAKE', 'AUTH', 'READY'],
    tls: true,
    mechanism: 'SCRAM-SHA-512',
  },
];

describe.each(cases)('$listener listener with the right settings', ({ listener, states, tls, mechanism }) => {
  it('connects, negotiates versions and answers Metadata', async () => {
    const rec = recorder();
    const conn = await Connection.connect({ ...optionsFor(listener), onEvent: rec.onEvent });
    try {
      expect(conn.state).toBe(ConnState.READY);
      expect(rec.events.filter((e) => e.type === 'state').map((e) => (e.type === 'state' ? e.to : ''))).toEqual(states);
      expect(conn.versions.get(ApiKey.Metadata)?.max).toBeGreaterThanOrEqual(12);
      expect(conn.pickVersion(ApiKey.Metadata)).toBeGreaterThanOrEqual(12);

      const metadata = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
      expect(metadata.brokers).toHaveLength(1);
      expect(typeof metadata.clusterId).toBe('string');

      const versions = rec.events.find((e) => e.type === 'versions');
      expect(versions && versions.type === 'versions' && versions.source).toBe('ApiVersions');
      const tlsEvent = rec.events.find((e) => e.type === 'tls');
      if (tls) {
        expect(tlsEvent).toBeDefined();
        if (tlsEvent?.type === 'tls') {
          expect(tlsEvent.protocol).toMatch(/^TLSv1\.[23]$/);
          expect(tlsEvent.cipher).toBeTruthy();
          expect(tlsEvent.authorized).toBe(true);
          expect(tlsEvent.peerChain[0]?.subjectAltNames).toContain('IP Address:127.0.0.1');
          expect(tlsEvent.peerChain[0]?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
        }
      } else {
        expect(tlsEvent).toBeUndefined();
      }
      const success = rec.events.find((e) => e.type === 'auth.success');
      if (mechanism) expect(success && success.type === 'auth.success' && success.mechanism).toBe(mechanism);
      else expect(success).toBeUndefined();

      const stats = conn.stats();
      expect(stats.state).toBe('READY');
      expect(stats.requestsByApi.Metadata?.requests).toBe(1);
      expect(stats.rttUs.count).toBeGreaterThanOrEqual(1);
    } finally {
      await conn.close();
    }
    expect(conn.state).toBe(ConnState.CLOSED);
  });
});
