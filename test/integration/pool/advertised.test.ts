// The advertised-listener misconfiguration, produced by the real broker: bootstrap works, but the
// address Metadata advertises does not resolve, or is localhost on a port nothing serves.
import { describe, expect, it } from 'vitest';
import { Pool } from '../../../src/main/core';
import { brokerInfo } from '../../support/connect-options';

const info = brokerInfo();
type Advertised = { host: string; port: number; advertisedHost: string; advertisedPort: number };
const listeners = info.listeners as unknown as Record<string, Advertised>;

describe('advertised-listener check', () => {
  it.each([
    ['ADVERTISED_BAD', 'ADVERTISED_LISTENER_UNREACHABLE', 'does not resolve'],
    ['ADVERTISED_LOCALHOST', 'ADVERTISED_LISTENER_LOCALHOST', 'only works on the broker'],
  ])('%s is reported as %s, naming both addresses', async (name, code, words) => {
    const l = listeners[name]!;
    const pool = new Pool({ bootstrap: `${l.host}:${l.port}`, backoff: { initialMs: 50, maxMs: 200 }, connection: { connectTimeoutMs: 3000 } });
    try {
      const view = await pool.start();
      expect(view.brokers[0]).toMatchObject({ host: l.advertisedHost, port: l.advertisedPort });
      const [finding] = pool.advertisedFindings();
      expect(finding).toMatchObject({
        code,
        nodeId: info.nodeId,
        advertised: `${l.advertisedHost}:${l.advertisedPort}`,
        bootstrap: `${l.host}:${l.port}`,
      });
      expect(finding!.message).toContain(words);
      expect(finding!.message).toContain(`${l.advertisedHost}:${l.advertisedPort}`);
      expect(finding!.message).toContain(`bootstrap ${l.host}:${l.port} works`);
    } finally {
      await pool.shutdown(500);
    }
  });

  it('reports nothing when every advertised broker answers', async () => {
    const pool = new Pool({ bootstrap: info.listeners.PLAINTEXT.bootstrap });
    await pool.start();
    expect(pool.advertisedFindings()).toEqual([]);
    await pool.shutdown(500);
  });
});
