/**
 * The WebSocket side of the contract, for the renderer in a plain browser. It exposes
 * the same BrokerscopeApi object the preload does.
 */
import type { BrokerscopeApi } from '@shared/api/contract';
import { ApiCallError, unwrapReply, type WireEvent, type WireResult } from '@shared/api/wire';

/** `onClosed` hears when an open socket to the host closes (the host stopped, or the network dropped it). */
export function connectWebSocketApi(token: string, origin: string = location.origin, onClosed?: (code: number) => void): Promise<BrokerscopeApi> {
  const wsUrl = `${origin.replace(/^http/, 'ws')}/api?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(wsUrl);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (msg) => {
    const data = JSON.parse(String(msg.data)) as WireResult | WireEvent;
    if (data.kind === 'event') {
      for (const l of listeners.get(data.event) ?? []) l(data.payload);
      return;
    }
    const waiter = pending.get(data.id);
    if (!waiter) return;
    pending.delete(data.id);
    try {
      waiter.resolve(unwrapReply(data));
    } catch (err) {
      waiter.reject(err as Error);
    }
  });
  let opened = false;
  socket.addEventListener('close', (e) => {
    for (const w of pending.values()) w.reject(new ApiCallError('FAILED', 'the connection to the Brokerscope host closed'));
    pending.clear();
    if (opened) onClosed?.(e.code);
  });

  const api: BrokerscopeApi = {
    transport: 'websocket',
    call: (method, params) =>
      new Promise((resolve, reject) => {
        if (socket.readyState !== WebSocket.OPEN) {
          reject(new ApiCallError('FAILED', 'not connected to the Brokerscope host'));
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        socket.send(JSON.stringify({ kind: 'call', id, method, params }));
      }),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener(
      'open',
      () => {
        opened = true;
        resolve(api);
      },
      { once: true },
    );
    socket.addEventListener(
      'error',
      () => reject(new Error('could not open the API socket: is the token in the URL current?')),
      { once: true },
    );
  });
}
