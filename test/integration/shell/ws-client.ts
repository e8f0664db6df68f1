/** A test client of the WebSocket transport, as the renderer uses it: token, Origin, calls and events. */
import WebSocket from 'ws';
import type { EventName, EventPayload, MethodName, Params, Result } from '../../../src/shared/api/contract';
import type { WireEvent, WireResult } from '../../../src/shared/api/wire';

export interface ReceivedEvent {
  at: number;
  event: string;
  payload: unknown;
}

export class WsApiClient {
  /** Every message received, as raw text (for "no secret on the wire" checks). */
  readonly raw: string[] = [];
  readonly events: ReceivedEvent[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (r: WireResult) => void>();
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      const msg = JSON.parse(text) as WireResult | WireEvent;
      if (msg.kind === 'event') {
        this.events.push({ at: performance.now(), event: msg.event, payload: msg.payload });
        for (const w of this.waiters) w();
        return;
      }
      this.pending.get(msg.id)?.(msg);
      this.pending.delete(msg.id);
    });
  }

  static open(port: number, token: string): Promise<WsApiClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${encodeURIComponent(token)}`, {
      origin: `http://127.0.0.1:${port}`,
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new WsApiClient(ws)));
      ws.once('error', reject);
    });
  }

  /** Calls a method; rejects with the wire error's "CODE: message". */
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (r) =>
        r.ok ? resolve(r.result as Result<M>) : reject(new Error(`${r.error.code}: ${r.error.message}`)),
      );
      this.ws.send(JSON.stringify({ kind: 'call', id, method, params }));
    });
  }

  of<E extends EventName>(event: E): EventPayload<E>[] {
    return this.events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>);
  }

  /** Resolves once the predicate over received events holds. */
  waitFor(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  close(): void {
    this.ws.close();
  }
}
