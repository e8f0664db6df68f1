/** Why a connection closed. The names are the reference design's (aiokafka's CloseReason). */
export const CloseReason = {
  /** The socket failed or the peer closed it. */
  CONNECTION_BROKEN: 'CONNECTION_BROKEN',
  /** Setup did not finish within connectTimeoutMs, or the broker stopped answering. */
  CONNECTION_TIMEOUT: 'CONNECTION_TIMEOUT',
  /** The byte stream can no longer be trusted: bad frame size, wrong correlation id. */
  OUT_OF_SYNC: 'OUT_OF_SYNC',
  /** Nothing was pending or queued for maxIdleMs. */
  IDLE_DROP: 'IDLE_DROP',
  /** The owner closed it. */
  SHUTDOWN: 'SHUTDOWN',
  /** SASL authentication failed. */
  AUTH_FAILURE: 'AUTH_FAILURE',
} as const;

export type CloseReason = (typeof CloseReason)[keyof typeof CloseReason];
