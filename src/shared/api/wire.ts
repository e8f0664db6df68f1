/** Messages both transports exchange. The IPC channel names live here too. */
export const IPC_CALL_CHANNEL = 'brokerscope:call';
export const IPC_EVENT_CHANNEL = 'brokerscope:event';

export interface WireCall {
  kind: 'call';
  id: number;
  method: string;
  params: unknown;
}

export interface WireError {
  /** BAD_REQUEST: the payload failed validation; UNKNOWN_METHOD; FAILED: the handler threw. */
  code: 'BAD_REQUEST' | 'UNKNOWN_METHOD' | 'FAILED' | 'FORBIDDEN';
  message: string;
}

export type WireReply = { ok: true; result: unknown } | { ok: false; error: WireError };

export type WireResult = { kind: 'result'; id: number } & WireReply;

export interface WireEvent {
  kind: 'event';
  event: string;
  payload: unknown;
}

/** An error a transport rebuilds on the renderer side from a WireError. */
export class ApiCallError extends Error {
  constructor(
    readonly code: WireError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export function unwrapReply(reply: WireReply): unknown {
  if (reply.ok) return reply.result;
  throw new ApiCallError(reply.error.code, reply.error.message);
}
