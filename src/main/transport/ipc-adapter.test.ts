import { describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type WireReply } from '@shared/api/wire';
import { bindIpc, ipcEventSink, trustedFrameCheck, type IpcInvokeEvent, type IpcMainLike, type WebContentsLike } from './ipc-adapter';
import { createEventBus } from './event-bus';
import { createDispatcher } from './dispatcher';
import { createHandlers } from '../services/handlers';
import { createTestServices } from '../services/testing/test-services';

type Listener = (event: IpcInvokeEvent, ...args: unknown[]) => Promise<WireReply>;

function fakeIpcMain(): IpcMainLike & { listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => void listeners.delete(channel),
  };
}

describe('Electron IPC adapter', () => {
  const trusted = trustedFrameCheck(undefined);
  const ipc = fakeIpcMain();
  const unbind = bindIpc(ipc, createDispatcher(createHandlers(createTestServices('electron'))), trusted);
  const call = (url: string | null, method: unknown, params: unknown): Promise<WireReply> =>
    ipc.listeners.get(IPC_CALL_CHANNEL)!({ senderFrame: url === null ? null : { url } }, method, params);

  it('serves a call from the app renderer', async () => {
    const reply = await call('file:///opt/brokerscope/out/renderer/index.html', 'app.version', {});
    expect(reply.ok).toBe(true);
  });

  it.each([
    ['a remote page', 'https://evil.example/'],
    ['another local file', 'file:///tmp/x.html'],
    ['no frame', null],
  ])('refuses a call from %s before looking at the payload', async (_label, url) => {
    const reply = await call(url, 'app.version', {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('FORBIDDEN');
  });

  it('validates the payload of a trusted call', async () => {
    const reply = await call('file:///opt/brokerscope/out/renderer/index.html', 'app.version', { x: 1 });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('BAD_REQUEST');
  });

  it('trusts only the dev server origin in development', () => {
    const dev = trustedFrameCheck('http://localhost:5173');
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/index.html')).toBe(false);
  });

  it('validates every request kind over IPC too (a session method with a bad field)', async () => {
    const reply = await call('file:///opt/brokerscope/out/renderer/index.html', 'sessions.events.page', { sessionId: 's', limit: -5 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!reply.ok) expect(reply.error.message).toMatch(/^sessions\.events\.page: invalid payload: limit: /);
  });

  it('unbinds its handler', () => {
    unbind();
    expect(ipc.listeners.has(IPC_CALL_CHANNEL)).toBe(false);
  });

});

describe('Electron IPC events', () => {
  function fakeWindow(url: string, destroyed = false): WebContentsLike & { sent: unknown[][] } {
    const sent: unknown[][] = [];
    return { sent, isDestroyed: () => destroyed, getURL: () => url, send: (...args: unknown[]) => void sent.push(args) };
  }
  const app = 'file:///opt/brokerscope/out/renderer/index.html';

  it("sends each event to the app's windows only, on the event channel", () => {
    const main = fakeWindow(app);
    const second = fakeWindow(app);
    const navigatedAway = fakeWindow('https://evil.example/');
    const closed = fakeWindow(app, true);
    const bus = createEventBus();
    bus.addSink(ipcEventSink(() => [main, second, navigatedAway, closed], trustedFrameCheck(undefined)));
    bus.emit('app.notice', { level: 'info', message: 'hello' });
    expect(main.sent).toEqual([[IPC_EVENT_CHANNEL, 'app.notice', { level: 'info', message: 'hello' }]]);
    expect(second.sent).toHaveLength(1);
    expect(navigatedAway.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
  });

  it('carries session batches and snapshots from the services to the windows', async () => {
    const win = fakeWindow(app);
    const services = createTestServices('electron');
    services.bus.addSink(ipcEventSink(() => [win], trustedFrameCheck(undefined)));
    const created = await services.profiles.create({
      name: 'x',
      bootstrapServers: ['127.0.0.1:1'],
      clientId: 'c',
      securityProtocol: 'PLAINTEXT',
      sasl: null,
      tls: null,
      timeouts: { connectTimeoutMs: 200 },
      tagIds: [],
    });
    const { sessionId } = await services.sessions.connect(created.id);
    // Nothing listens on port 1: the session fails, and says so through events.
    await new Promise<void>((done) => {
      const check = (): void => (services.sessions.list()[0]?.status === 'failed' ? done() : void setTimeout(check, 20));
      check();
    });
    await services.close(100);
    const names = win.sent.map((m) => m[1]);
    expect(names).toContain('profiles.changed');
    expect(names).toContain('sessions.events');
    expect(names).toContain('sessions.changed');
    const snapshots = win.sent.filter((m) => m[1] === 'sessions.snapshot').map((m) => m[2] as { sessionId: string; status: string; error: string | null });
    expect(snapshots.at(-1)).toMatchObject({ sessionId, status: 'failed' });
    expect(snapshots.at(-1)!.error).toMatch(/No bootstrap address answered/);
  });
});
