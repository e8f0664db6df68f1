// KIP-368 re-authentication against a listener whose connections.max.reauth.ms is 3 s: the
// connection stays up past several session lifetimes under steady traffic, with no failed request.
import { describe, expect, it } from 'vitest';
import { ApiKey, Connection, type SaslOptions } from '../../../src/main/core';
import { brokerInfo, recorder } from '../../support/connect-options';

const info = brokerInfo();

describe.each<[string, SaslOptions]>([
  ['PLAIN', { mechanism: 'PLAIN', ...info.users.plain }],
  ['SCRAM-SHA-256', { mechanism: 'SCRAM-SHA-256', ...info.users.scramSha256 }],
])('re-authentication with %s', (_name, sasl) => {
  it('re-authenticates at ~85% of the session lifetime while requests keep flowing', async () => {
    const listener = (info.listeners as Record<string, { host: string; port: number }>).SASL_REAUTH;
    expect(listener, 'the harness has a SASL_REAUTH listener').toBeDefined();
    const rec = recorder();
    const conn = await Connection.connect({ host: listener!.host, port: listener!.port, sasl, onEvent: rec.onEvent });
    const lifetime = conn.saslSessionLifetimeMs;
    expect(lifetime).toBeGreaterThan(1000);
    expect(lifetime).toBeLessThanOrEqual(3000);
    const until = performance.now() + lifetime! * 3.2;
    let sent = 0;
    let failed = 0;
    const inflight: Promise<unknown>[] = [];
    while (performance.now() < until) {
      for (let i = 0; i < 4; i++) {
        sent++;
        inflight.push(conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false }).catch(() => failed++));
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    await Promise.all(inflight);
    expect(failed).toBe(0);
    expect(conn.state).toBe('READY');
    const reauths = rec.events.filter((e) => e.type === 'state' && e.to === 'REAUTH');
    expect(reauths.length).toBeGreaterThanOrEqual(3);
    expect(rec.events.filter((e) => e.type === 'auth.success').length).toBe(reauths.length + 1);
    // Each re-authentication began at about 85% of the lifetime after the previous one.
    const successes = rec.events.filter((e) => e.type === 'auth.success').map((e) => e.mono);
    for (let i = 0; i < reauths.length; i++) {
      const gap = reauths[i]!.mono - successes[i]!;
      expect(gap).toBeGreaterThan(lifetime! * 0.8);
      expect(gap).toBeLessThan(lifetime!);
    }
    expect(sent).toBeGreaterThan(100);
    await conn.close();
  }, 30_000);
});
