import type { KafkaEvent } from '@shared/api/contract';

export type CloseEvent = Extract<KafkaEvent, { type: 'close' }>;

export interface CloseItem {
  key: string;
  sessionId: string;
  session: string;
  seq: number;
  event: CloseEvent;
}

export interface TimelineLane {
  connectionId: string;
  broker: string;
  session: string | null;
  openedAt: number;
  close: CloseEvent | null;
  closeKey: string | null;
}
