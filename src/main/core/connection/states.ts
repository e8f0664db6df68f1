/** The connection's state machine, in the order a healthy connection walks it. */
export const ConnState = {
  INIT: 'INIT',
  DNS: 'DNS',
  TCP_CONNECT: 'TCP_CONNECT',
  TLS_HANDSHAKE: 'TLS_HANDSHAKE',
  APIVERSION_QUERY: 'APIVERSION_QUERY',
  AUTH_HANDSHAKE: 'AUTH_HANDSHAKE',
  AUTH: 'AUTH',
  READY: 'READY',
  REAUTH: 'REAUTH',
  CLOSING: 'CLOSING',
  CLOSED: 'CLOSED',
} as const;

export type ConnState = (typeof ConnState)[keyof typeof ConnState];

export interface StateSpan {
  state: ConnState;
  /** Monotonic ms (performance.now()) when the state was entered. */
  enteredAt: number;
  /** Time spent in it; null while it is the current state. */
  ms: number | null;
}

/** Records every state the connection entered and how long it stayed. */
export class StateTracker {
  private current: ConnState = ConnState.INIT;
  private enteredAt = performance.now();
  private readonly spans: StateSpan[] = [];

  get state(): ConnState {
    return this.current;
  }

  /** ms spent so far in the current state. */
  msInState(now = performance.now()): number {
    return now - this.enteredAt;
  }

  /** Moves to `next`; returns the state left and the ms spent there. */
  enter(next: ConnState, now = performance.now()): { from: ConnState; ms: number } {
    const from = this.current;
    const ms = now - this.enteredAt;
    this.spans.push({ state: from, enteredAt: this.enteredAt, ms });
    this.current = next;
    this.enteredAt = now;
    return { from, ms };
  }

  /** Every state entered so far; the last one is current (ms null). */
  history(): StateSpan[] {
    return [...this.spans, { state: this.current, enteredAt: this.enteredAt, ms: null }];
  }
}
