// Troubleshoot runs over a fake runner (no broker): the profile is mapped first (a mistake
// fails the call naming the field), steps are pushed as they change, the result arrives
// scrubbed of the profile's secrets and without the key log, runs can be cancelled and
// fetched again, and only the last runs are kept. The real runner: test/integration/shell.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { EventName, EventPayload } from '@shared/api/contract';
import { events as contractEvents } from '@shared/api/contract';
import { ProfileFieldsSchema, type ProfileSecrets, type StoredProfile } from '@shared/api/profile-schema';
import type { TroubleshootConfig, TroubleshootOptions } from '../../diagnose';
import { leakyResult, step } from './testing';
import { TroubleshootService, type RunTroubleshoot } from './troubleshoot-service';

const PASSWORD = 'correct-horse-battery-staple';

const PROFILES: Record<string, unknown> = {
  plain: { name: 'plain', bootstrapServers: ['127.0.0.1:9092'], securityProtocol: 'PLAINTEXT' },
  sasl: {
    name: 'sasl',
    bootstrapServers: ['127.0.0.1:9093'],
    securityProtocol: 'SASL_PLAINTEXT',
    sasl: { mechanism: 'PLAIN', username: 'plain-user' },
    timeouts: { connectTimeoutMs: 1234 },
  },
  tls: {
    name: 'tls',
    bootstrapServers: ['127.0.0.1:9094'],
    securityProtocol: 'SSL',
    tls: { ca: { kind: 'file', path: join(tmpdir(), 'no-such-ca-file.pem') } },
  },
  nopass: {
    name: 'nopass',
    bootstrapServers: ['127.0.0.1:9093'],
    securityProtocol: 'SASL_PLAINTEXT',
    sasl: { mechanism: 'PLAIN', username: 'plain-user' },
  },
};

function stored(id: string): StoredProfile {
  const fields = PROFILES[id];
  if (!fields) throw new Error(`id: no profile "${id}"`);
  return { ...ProfileFieldsSchema.parse(fields), id, createdAt: 1, updatedAt: 1 };
}

function setup(run: RunTroubleshoot, keep?: number) {
  const emitted: { event: EventName; payload: unknown }[] = [];
  const configs: TroubleshootConfig[] = [];
  const service = new TroubleshootService({
    profiles: {
      stored: async (id) => stored(id),
      secretsOf: async (id): Promise<ProfileSecrets> => (id === 'nopass' ? {} : { saslPassword: PASSWORD }),
    },
    emit: (event, payload) => void emitted.push({ event, payload }),
    run: (config, options) => {
      configs.push(config);
      return run(config, options);
    },
    ...(keep ? { keep } : {}),
  });
  const of = <E extends EventName>(e: E) =>
    emitted.filter((x) => x.event === e).map((x) => x.payload as EventPayload<E>);
  const doneOf = (runId: string) =>
    new Promise<EventPayload<'troubleshoot.done'>>((resolve) => {
      const t = setInterval(() => {
        const d = of('troubleshoot.done').find((x) => x.runId === runId);
        if (d) {
          clearInterval(t);
          resolve(d);
        }
      }, 2);
    });
  return { service, emitted, configs, of, doneOf };
}

/** A runner that reports two steps, then the leaky result (its key log included). */
const fakeRun: RunTroubleshoot = async (_config, { onUpdate }: TroubleshootOptions) => {
  onUpdate?.({ type: 'step', step: step('dns', 'running') });
  onUpdate?.({ type: 'step', step: step('dns', 'ok', 'resolved') });
  onUpdate?.({ type: 'step', step: step('saslAuthenticate', 'failed', `bad password ${PASSWORD}`) });
  const result = leakyResult(PASSWORD, ['CLIENT_RANDOM 00ff 11ee']);
  onUpdate?.({ type: 'done', result });
  return result;
};

describe('troubleshoot service', () => {
  it('maps the profile (frames always captured, timeouts and SASL carried), then runs in the background', async () => {
    const { service, configs, of, doneOf } = setup(fakeRun);
    const { runId } = await service.start('sasl', { topics: ['orders'] });
    expect(of('troubleshoot.update')).toEqual([]); // nothing before the caller has its runId
    const done = await doneOf(runId);
    expect(configs[0]).toMatchObject({
      bootstrap: ['127.0.0.1:9093'],
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'PLAIN', username: 'plain-user', password: PASSWORD },
      connectTimeoutMs: 1234,
      captureFrames: true,
      keyLog: false,
      topics: ['orders'],
    });
    expect(of('troubleshoot.update').map((u) => [u.runId, u.step.id, u.step.status])).toEqual([
      [runId, 'dns', 'running'],
      [runId, 'dns', 'ok'],
      [runId, 'saslAuthenticate', 'failed'],
    ]);
    expect(done.status).toBe('done');
    expect(done.result?.findings.map((f) => f.code)).toContain('SASL_AUTH_FAILED');
    expect(done.result?.healthy).toBe(false);
    expect(done.result?.keyLogLines).toBe(1);
    expect(done.result?.events.length).toBeGreaterThan(5);
    // Every pushed payload fits the contract and carries neither the password nor the key log.
    for (const { event, payload } of [
      ...of('troubleshoot.update').map((p) => ({ event: 'troubleshoot.update' as const, payload: p })),
      { event: 'troubleshoot.done' as const, payload: done },
    ]) {
      expect(contractEvents[event].safeParse(payload).success).toBe(true);
      const text = JSON.stringify(payload);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
      expect(text).not.toContain('CLIENT_RANDOM');
    }
  });

  it('fetches a run again, with its steps and result, and lists the kept runs', async () => {
    const { service, doneOf } = setup(fakeRun);
    const { runId } = await service.start('sasl');
    await doneOf(runId);
    const run = service.result(runId);
    expect(run).toMatchObject({
      runId,
      profileId: 'sasl',
      profileName: 'sasl',
      status: 'done',
      healthy: false,
    });
    expect(run.findingCounts.error).toBeGreaterThan(0);
    expect(run.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'dns:ok',
      'saslAuthenticate:failed',
      'tcp:ok',
      'apiVersions:ok',
      'saslHandshake:ok',
    ]);
    expect(run.result?.findings[0]).toMatchObject({ code: 'SASL_AUTH_FAILED', severity: 'error' });
    expect(service.list().map((r) => r.runId)).toEqual([runId]);
    expect(JSON.stringify(run)).not.toContain(PASSWORD);
  });

  it('a mistake in the profile fails the call, naming the field', async () => {
    const { service } = setup(fakeRun);
    await expect(service.start('tls')).rejects.toThrow(/^tls\.ca\.path: file not found: /);
    await expect(service.start('nopass')).rejects.toThrow('sasl.password: no password is stored');
    await expect(service.start('ghost')).rejects.toThrow('no profile');
    expect(service.list()).toEqual([]);
  });

  it('keeps the key log only when asked for on a TLS profile', async () => {
    const { service, configs, doneOf } = setup(fakeRun);
    await doneOf((await service.start('plain', { keyLog: true })).runId);
    expect(configs[0]!.keyLog).toBe(false);
    expect(service.list()[0]!.keyLog).toBe(false);
  });

  it('cancel aborts a running run, which still ends with troubleshoot.done', async () => {
    const { service, doneOf } = setup(
      (_c, { signal }) =>
        new Promise((resolve) => signal!.addEventListener('abort', () => resolve(leakyResult(PASSWORD)))),
    );
    const { runId } = await service.start('plain');
    await new Promise((r) => setTimeout(r, 10));
    expect(service.result(runId).status).toBe('running');
    expect(() => service.exportable(runId)).toThrow('still going');
    expect(service.cancel(runId)).toEqual({ runId, cancelled: true });
    expect(service.cancel(runId)).toEqual({ runId, cancelled: false });
    expect((await doneOf(runId)).status).toBe('cancelled');
    expect(service.exportable(runId).result.events.length).toBeGreaterThan(0);
  });

  it('a runner that breaks fails the run with its reason, secrets scrubbed', async () => {
    const { service, doneOf } = setup(async () => {
      throw new Error(`boom with ${PASSWORD}`);
    });
    const { runId } = await service.start('sasl');
    const done = await doneOf(runId);
    expect(done).toMatchObject({ runId, status: 'failed', result: null });
    expect(done.error).toContain('boom');
    expect(done.error).not.toContain(PASSWORD);
    expect(() => service.exportable(runId)).toThrow('nothing to export');
  });

  it('keeps only the last runs', async () => {
    const { service, doneOf } = setup(fakeRun, 2);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { runId } = await service.start('plain');
      await doneOf(runId);
      ids.push(runId);
    }
    expect(service.list().map((r) => r.runId)).toEqual(ids.slice(1));
    expect(() => service.result(ids[0]!)).toThrow(`runId: no troubleshoot run "${ids[0]}"`);
  });

  it('shutdown aborts running runs and refuses new ones', async () => {
    const { service, doneOf } = setup(
      (_c, { signal }) =>
        new Promise((resolve) => signal!.addEventListener('abort', () => resolve(leakyResult(PASSWORD)))),
    );
    const { runId } = await service.start('plain');
    await new Promise((r) => setTimeout(r, 10));
    await service.shutdown(1000);
    expect((await doneOf(runId)).status).toBe('cancelled');
    await expect(service.start('plain')).rejects.toThrow('quitting');
  });
});
