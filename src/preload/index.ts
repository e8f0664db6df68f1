/** Exposes exactly the contract's API object to the renderer; never ipcRenderer itself. */
import { contextBridge, ipcRenderer } from 'electron';
import type { BrokerscopeApi } from '@shared/api/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, unwrapReply, type WireReply } from '@shared/api/wire';

const api: BrokerscopeApi = {
  transport: 'ipc',
  call: async (method, params) =>
    unwrapReply((await ipcRenderer.invoke(IPC_CALL_CHANNEL, method, params)) as WireReply) as never,
  on(event, listener) {
    const wrapped = (_e: unknown, name: string, payload: unknown): void => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('brokerscope', api);
