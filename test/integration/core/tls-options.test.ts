// TLS options beyond the defaults: PKCS#12, key log, hostname verification off (with a warning).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiKey, Connection } from '../../../src/main/core';
import { brokerInfo, caPem, optionsFor, recorder } from '../../support/connect-options';

describe('TLS options', () => {
  it('authenticates to the mTLS listener with a PKCS#12 bundle', async () => {
    const info = brokerInfo();
    const conn = await Connection.connect({
      ...optionsFor('MTLS'),
      tls: { ca: caPem(), pfx: readFileSync(info.tls.clientP12Path), passphrase: info.tls.clientP12Password },
    });
    const md = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
    expect(md.brokers).toHaveLength(1);
    await conn.close();
  });

  it('with hostname verification off, accepts a trusted certificate for another name and warns', async () => {
    const rec = recorder();
    const conn = await Connection.connect({
      ...optionsFor('SSL'),
      tls: { ca: caPem(), servername: 'kafka.wrong.example', verifyHostname: false },
      onEvent: rec.onEvent,
    });
    const warning = rec.events.find((e) => e.type === 'warning');
    expect(warning?.type === 'warning' && warning.code).toBe('TLS_HOSTNAME_VERIFICATION_OFF');
    const tls = rec.events.find((e) => e.type === 'tls');
    expect(tls?.type === 'tls' && [tls.servername, tls.hostnameVerified]).toEqual(['kafka.wrong.example', false]);
    await conn.close();
  });

  it('keeps the TLS key log for export when asked, and never puts it or the key in events', async () => {
    const rec = recorder();
    const info = brokerInfo();
    const conn = await Connection.connect({ ...optionsFor('MTLS'), tls: { ...optionsFor('MTLS').tls as object, keyLog: true }, onEvent: rec.onEvent });
    await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
    await conn.close();
    const lines = conn.tlsKeyLog();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+$/);
    const everything = JSON.stringify(rec.events);
    for (const line of lines) expect(everything).not.toContain(line.split(' ')[2]);
    const keyBody = readFileSync(info.tls.clientKeyPath, 'utf8').split('\n')[1]!;
    expect(everything).not.toContain(keyBody);
    const tls = rec.events.find((e) => e.type === 'tls');
    expect(tls?.type === 'tls' && tls.keyLogEnabled).toBe(true);
  });

  it('never puts SASL passwords in events or errors', async () => {
    const info = brokerInfo();
    const rec = recorder();
    const ok = await Connection.connect({ ...optionsFor('SASL_SSL'), onEvent: rec.onEvent });
    await ok.close();
    const bad = await Connection.connect({
      ...optionsFor('SASL_PLAINTEXT'),
      sasl: { mechanism: 'PLAIN', username: info.users.plain.username, password: 'not-the-password-42' },
      onEvent: rec.onEvent,
    }).catch((e: unknown) => e as Error);
    const everything = JSON.stringify(rec.events) + String(bad) + JSON.stringify(bad) + String((bad as Error).stack);
    for (const secret of [info.users.scramSha512.password, info.users.plain.password, 'not-the-password-42']) {
      expect(everything).not.toContain(secret);
    }
    expect(rec.types()).toContain('auth.failure');
  });
});
