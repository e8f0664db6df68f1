/**
 * Server→renderer events: services emit typed events here, and each transport adds a
 * sink (the WebSocket host's broadcast, the IPC sender to the app's windows).
 */
import type { EventName, EventPayload } from '@shared/api/contract';

export type EventSink = (event: string, payload: unknown) => void;

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface EventBus {
  emit: Emit;
  /** Adds a sink; returns its removal. */
  addSink(sink: EventSink): () => void;
}

export function createEventBus(): EventBus {
  const sinks = new Set<EventSink>();
  return {
    emit(event, payload) {
      for (const sink of sinks) {
        try {
          sink(event, payload);
        } catch {
          // One broken transport must not stop the others.
        }
      }
    },
    addSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
