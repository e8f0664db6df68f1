import { describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, type WireReply } from '@shared/api/wire';
import { bindIpc, trustedFrameCheck, type IpcInvokeEvent, type IpcMainLike } from './ipc-adapter';
import { createDispatcher } from './dispatcher';
import { createHandlers } from '../services/handlers';

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
  const unbind = bindIpc(ipc, createDispatcher(createHandlers('electron')), trusted);
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

  it('unbinds its handler', () => {
    unbind();
    expect(ipc.listeners.has(IPC_CALL_CHANNEL)).toBe(false);
  });
});
