/** Exposes exactly the contract's API object to the renderer; never ipcRenderer itself. */
import { contextBridge, ipcRenderer } from 'electron';
import type { BrokerscopeApi } from '@shared/api/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, unwrapReply, type WireReply } from '@shared/api/wire';

// One IPC listener for every event; renderer listeners are kept here, by event name.
const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(IPC_EVENT_CHANNEL, (_e, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const l of listeners.get(name) ?? []) l(payload);
});

const api: BrokerscopeApi = {
  transport: 'ipc',
  call: async (method, params) => unwrapReply((await ipcRenderer.invoke(IPC_CALL_CHANNEL, method, params)) as WireReply) as never,
  on(event, listener) {
    const set = listeners.get(event) ?? new Set();
    const l = listener as (payload: unknown) => void;
    set.add(l);
    listeners.set(event, set);
    return () => void set.delete(l);
  },
};

contextBridge.exposeInMainWorld('brokerscope', Object.freeze(api));
