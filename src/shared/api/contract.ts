/**
 * The one typed API contract between the renderer and the main-process services, put
 * together from one small file per area. Every method names its params schema (validated
 * at the main-process boundary) and its result schema; every event names its payload
 * schema. Both transports (Electron IPC through the preload, and the loopback WebSocket)
 * carry exactly this contract.
 */
import type { z } from 'zod';
import { appEvents, appMethods } from './app';
import { troubleshootEvents, troubleshootMethods } from './diagnose';
import { logEvents, logMethods } from './logs';
import { profileEvents, profileMethods } from './profiles';
import { secretMethods } from './secrets';
import { sessionEvents, sessionMethods } from './sessions';

export const methods = {
  ...appMethods,
  ...profileMethods,
  ...secretMethods,
  ...sessionMethods,
  ...troubleshootMethods,
  ...logMethods,
} as const;

export const events = {
  ...appEvents,
  ...profileEvents,
  ...sessionEvents,
  ...troubleshootEvents,
  ...logEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What the renderer passes (defaults not yet applied). */
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
/** What a handler receives: validated, defaults applied. */
export type ParsedParams<M extends MethodName> = z.output<Methods[M]['params']>;
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

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

export type { SessionEventRecord, EventBatch } from './sessions';
export type { SessionSnapshot, SessionSummary, SessionStatus } from './session-snapshot';
export type { Profile, ProfileFieldsInput, SecretsInput, Tag } from './profile-schema';
export type { KafkaEvent } from './kafka-events';
export type { SecretStorageStatus } from './secrets';
export type {
  TroubleshootRun,
  TroubleshootRunSummary,
  TroubleshootRunStatus,
  TroubleshootStep,
  TroubleshootResultData,
  FindingData,
} from './diagnose';
export type { ExportFormat, ExportSource, LogSummary } from './logs';
