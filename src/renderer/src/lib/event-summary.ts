/** One line, a category and a tone for every event of the core's stream. */
import type { KafkaEvent } from '@shared/api/contract';
import { fmtBytes, fmtMs } from './format';
import type { Tone } from './tone';

export const eventCategories = [
  'state',
  'net',
  'tls',
  'versions',
  'request',
  'response',
  'auth',
  'problem',
  'close',
  'pool',
  'frame',
] as const;
export type EventCategory = (typeof eventCategories)[number];

export const categoryLabel: Record<EventCategory, string> = {
  state: 'State',
  net: 'DNS/TCP',
  tls: 'TLS',
  versions: 'Versions',
  request: 'Requests',
  response: 'Responses',
  auth: 'SASL',
  problem: 'Problems',
  close: 'Closes',
  pool: 'Pool',
  frame: 'Frames',
};

export const categoryTone: Record<EventCategory, Tone> = {
  state: 'pending',
  net: 'neutral',
  tls: 'tls',
  versions: 'info',
  request: 'neutral',
  response: 'ok',
  auth: 'auth',
  problem: 'warn',
  close: 'err',
  pool: 'pool',
  frame: 'neutral',
};

export function eventCategory(e: KafkaEvent): EventCategory {
  switch (e.type) {
    case 'state':
      return 'state';
    case 'dns':
    case 'tcp.connected':
      return 'net';
    case 'tls':
      return 'tls';
    case 'versions':
      return 'versions';
    case 'request.queued':
    case 'request.written':
      return 'request';
    case 'response':
      return e.errorCode !== 0 ? 'problem' : 'response';
    case 'auth.handshake':
    case 'auth.round':
    case 'auth.info':
    case 'auth.success':
      return 'auth';
    case 'auth.failure':
    case 'request.timeout':
    case 'request.failed':
    case 'late-reply':
    case 'throttle':
    case 'warning':
    case 'pool.backoff':
    case 'pool.metadata-failed':
      return 'problem';
    case 'close':
      return 'close';
    case 'frame':
      return 'frame';
    default:
      return 'pool';
  }
}

export function eventTone(e: KafkaEvent): Tone {
  switch (e.type) {
    case 'state':
      return e.to === 'READY' ? 'ok' : e.to === 'CLOSED' || e.to === 'CLOSING' ? 'neutral' : 'pending';
    case 'response':
      return e.errorCode !== 0 ? 'err' : 'ok';
    case 'auth.failure':
    case 'request.failed':
    case 'pool.metadata-failed':
      return 'err';
    case 'request.timeout':
    case 'late-reply':
    case 'throttle':
    case 'warning':
    case 'pool.backoff':
      return 'warn';
    case 'close':
      return e.reason === 'SHUTDOWN' ? 'neutral' : e.reason === 'IDLE_DROP' ? 'info' : 'err';
    case 'pool.advertised-check':
      return e.findings.length > 0 ? 'warn' : 'pool';
    default:
      return categoryTone[eventCategory(e)];
  }
}

/** The broker an event is about, or the pool's address for pool events. */
export function eventBroker(e: KafkaEvent): string {
  if ('broker' in e) return e.broker;
  if ('address' in e) return e.address;
  if (e.type === 'pool.metadata') return e.source;
  return '';
}

export function eventConnection(e: KafkaEvent): string | null {
  return 'connectionId' in e ? e.connectionId : null;
}

const req = (e: { apiName: string; apiVersion: number; correlationId: number }): string =>
  `${e.apiName} v${e.apiVersion} #${e.correlationId}`;

export function eventSummary(e: KafkaEvent): string {
  switch (e.type) {
    case 'state':
      return `${e.from} → ${e.to} (${fmtMs(e.msInPrevious)} in ${e.from})`;
    case 'dns':
      return `resolved ${e.host} → ${e.addresses.map((a) => a.address).join(', ') || 'nothing'} in ${fmtMs(e.ms)}`;
    case 'tcp.connected':
      return `TCP ${e.localAddress}:${e.localPort} → ${e.remoteAddress}:${e.remotePort} in ${fmtMs(e.ms)}`;
    case 'tls':
      return `${e.protocol ?? 'TLS'} ${e.cipherStandardName ?? e.cipher ?? ''} · ${e.authorized ? 'verified' : `NOT verified${e.authorizationError ? `: ${e.authorizationError}` : ''}`} · ${e.peerChain.length} cert(s) in ${fmtMs(e.ms)}`;
    case 'warning':
      return `${e.code}: ${e.message}`;
    case 'versions':
      return `${e.source === 'ApiVersions' ? `ApiVersions v${e.requestVersion ?? '?'}` : `hint ${e.hint ?? ''}`} · ${e.apis.filter((a) => a.selected !== null).length} usable of ${e.apis.length} APIs in ${fmtMs(e.ms)}`;
    case 'request.queued':
      return `queued ${req(e)} · ${fmtBytes(e.bytes)} · ${e.queued} queued, ${e.inFlight} in flight`;
    case 'request.written':
      return `sent ${req(e)} · ${fmtBytes(e.bytes)} after ${fmtMs(e.queuedMs)} queued${e.expectResponse ? '' : ' · no response expected'}`;
    case 'response':
      return `reply ${req(e)} in ${fmtMs(e.latencyMs)} · ${fmtBytes(e.responseBytes)}${e.errorCode !== 0 ? ` · error ${e.errorName ?? '?'} (${e.errorCode})` : ''}${e.throttleTimeMs > 0 ? ` · throttled ${fmtMs(e.throttleTimeMs)}` : ''}`;
    case 'request.timeout':
      return `timeout ${req(e)} after ${fmtMs(e.timeoutMs)}${e.written ? '' : ' (never sent)'}`;
    case 'request.failed':
      return `failed ${req(e)}: ${e.error.message}`;
    case 'late-reply':
      return `late reply ${req(e)} ${fmtMs(e.lateByMs)} after its timeout`;
    case 'throttle':
      return `throttled ${req(e)} for ${fmtMs(e.throttleTimeMs)}`;
    case 'auth.handshake':
      return `SaslHandshake v${e.handshakeVersion} ${e.mechanism}${e.errorCode !== 0 ? ` · error ${e.errorCode}` : ''} · broker offers ${e.enabledMechanisms.join(', ') || 'none'}`;
    case 'auth.round':
      return `${e.mechanism} round ${e.round} ${e.direction} ${fmtBytes(e.bytes)}`;
    case 'auth.info':
      return `${e.mechanism} ${Object.entries(e.detail)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ')}`;
    case 'auth.success':
      return `authenticated with ${e.mechanism} in ${fmtMs(e.ms)} (${e.rounds} rounds)${e.sessionLifetimeMs ? ` · session ${fmtMs(e.sessionLifetimeMs)}` : ''}`;
    case 'auth.failure':
      return `${e.mechanism} failed: ${e.message}${e.brokerMessage ? ` · broker: ${e.brokerMessage}` : ''}`;
    case 'frame':
      return `frame ${e.direction} ${fmtBytes(e.size)}${e.apiKey !== null ? ` api ${e.apiKey} v${e.apiVersion}` : ''}${e.correlationId !== null ? ` #${e.correlationId}` : ''}${e.redacted ? ' (redacted)' : ''}`;
    case 'close':
      return `${e.reason} in ${e.state} after ${fmtMs(e.msInState)}${e.inFlightFailed + e.queuedFailed > 0 ? ` · ${e.inFlightFailed} in flight + ${e.queuedFailed} queued failed` : ''} · ${e.message}`;
    case 'pool.bootstrap':
      return `bootstrap ${e.addresses.join(', ')}`;
    case 'pool.dial':
      return `dial ${e.key} (${e.address}) attempt ${e.attempt}`;
    case 'pool.connected':
      return `connected ${e.key} (${e.address})`;
    case 'pool.backoff':
      return `backoff ${e.key} attempt ${e.attempt}: retry in ${fmtMs(e.delayMs)} · ${e.message}`;
    case 'pool.disconnected':
      return `disconnected ${e.key}: ${e.reason} · ${e.message}`;
    case 'pool.retire':
      return `retire ${e.key}: ${e.why}`;
    case 'pool.metadata':
      return `metadata (${e.trigger}) cluster ${e.clusterId ?? '?'} · controller ${e.controllerId ?? '?'} · ${e.brokers.length} broker(s) from ${e.source}`;
    case 'pool.metadata-failed':
      return `metadata (${e.trigger}) failed: ${e.error}`;
    case 'pool.advertised-check':
      return `advertised listeners: ${e.checked} checked, ${e.findings.length} finding(s)`;
    case 'pool.reaped':
      return `reaped ${e.key} after ${fmtMs(e.idleMs)} idle`;
    case 'pool.shutdown':
      return `pool shut down: ${e.closed} closed in ${fmtMs(e.ms)}${e.drained ? '' : ' (not drained)'}`;
  }
}
