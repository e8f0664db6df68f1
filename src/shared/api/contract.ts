/**
 * The one typed API contract between the renderer and the main-process services.
 * Every method names its params schema (validated at the main-process boundary) and
 * its result schema; every event names its payload schema. Both transports (Electron
 * IPC through the preload, and the loopback WebSocket) carry exactly this contract.
 */
import { z } from 'zod';

export const methods = {
  'app.version': {
    params: z.object({}).strict(),
    result: z.object({
      name: z.string(),
      version: z.string(),
      runtime: z.enum(['electron', 'web']),
      node: z.string(),
      electron: z.string().optional(),
    }),
  },
} as const;

export const events = {
  'app.notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** The object the renderer sees, whichever transport carries it. */
export interface BrokerscopeApi {
  readonly transport: 'ipc' | 'websocket';
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
