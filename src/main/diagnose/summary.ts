/**
 * One line of plain words per event: used as finding evidence, in the text log and by the CLI.
 * Pure: no clock, no I/O; the same event always gives the same line.
 */
import type { ConnectionEvent, PoolEvent, PoolStreamEvent } from '../core';

const ms = (v: number): string => (v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`);

/** The core appends "[REASON in STATE after N ms, broker B]" to close messages: drop it. */
export function plainMessage(message: string): string {
  return message.replace(/\s*\[[A-Z_]+ in [A-Z_]+ after \d+ ms, broker [^\]]*\]\s*$/, '');
}

export function isPoolEvent(e: PoolStreamEvent): e is PoolEvent {
  return e.type.startsWith('pool.');
}

export function isConnectionEvent(e: PoolStreamEvent): e is ConnectionEvent {
  return !e.type.startsWith('pool.');
}

/** "Metadata v12 #4": API, version and correlation id of a request. */
function ref(e: { apiName: string; apiVersion: number; correlationId: number }): string {
  return `${e.apiName} v${e.apiVersion} #${e.correlationId}`;
}

export function summarizeEvent(e: PoolStreamEvent): string {
  switch (e.type) {
    case 'state':
      return `state ${e.from} → ${e.to} (${ms(e.msInPrevious)} in ${e.from})`;
    case 'dns':
      return `DNS ${e.host} → ${e.addresses.map((a) => a.address).join(', ') || 'no address'} (${ms(e.ms)})`;
    case 'tcp.connected':
      return `TCP connected ${e.localAddress}:${e.localPort} → ${e.remoteAddress}:${e.remotePort} (${ms(e.ms)})`;
    case 'tls': {
      const leaf = e.peerChain[0];
      const cert = leaf
        ? `, certificate ${leaf.subject || '(no subject)'} valid until ${leaf.validTo.slice(0, 10)}`
        : '';
      const auth = e.authorized
        ? 'verified'
        : `NOT verified${e.authorizationError ? ` (${e.authorizationError})` : ''}`;
      return `TLS ${e.protocol ?? '?'} ${e.cipherStandardName ?? e.cipher ?? ''}, peer ${auth}${cert} (${ms(e.ms)})`;
    }
    case 'warning':
      return `warning ${e.code}: ${e.message}`;
    case 'versions': {
      const none = e.apis.filter(
        (a) =>
          a.selected === null &&
          a.clientMin !== null &&
          a.clientMax !== null &&
          a.clientMax >= a.clientMin &&
          a.brokerMax !== null,
      ).length;
      const src =
        e.source === 'hint'
          ? `from hint ${e.hint}`
          : `ApiVersions v${e.requestVersion}${e.attempts > 1 ? ` after ${e.attempts} attempts` : ''}`;
      const usable = e.apis.filter((a) => a.selected !== null).length;
      return `versions ${src}: ${usable} APIs usable${none ? `, ${none} with no common version` : ''} (${ms(e.ms)})`;
    }
    case 'request.queued':
      return `queued ${ref(e)} (${e.bytes} B, ${e.inFlight} in flight, ${e.queued} queued)`;
    case 'request.written':
      return `sent ${ref(e)} (${e.bytes} B${e.queuedMs >= 1 ? `, waited ${ms(e.queuedMs)}` : ''}${e.expectResponse ? '' : ', no reply expected'})`;
    case 'response':
      return `reply ${ref(e)} in ${ms(e.latencyMs)}${e.errorCode !== 0 ? `: error ${e.errorName ?? e.errorCode} (${e.errorCode})` : ''}${e.throttleTimeMs > 0 ? `, throttled ${e.throttleTimeMs} ms` : ''}`;
    case 'request.timeout':
      return `timeout ${ref(e)} after ${e.timeoutMs} ms (${e.written ? 'sent, no reply' : 'never sent'})`;
    case 'request.failed':
      return `failed ${ref(e)}: ${e.error.message}`;
    case 'late-reply':
      return `late reply ${ref(e)}, ${ms(e.lateByMs)} after its timeout`;
    case 'throttle':
      return `throttled ${e.throttleTimeMs} ms by the broker (reply to ${ref(e)})`;
    case 'auth.handshake':
      return `SaslHandshake v${e.handshakeVersion} ${e.mechanism}: ${e.errorCode === 0 ? 'accepted' : `error ${e.errorCode}`}; enabled: ${e.enabledMechanisms.join(', ') || 'none'}`;
    case 'auth.round':
      return `SASL ${e.mechanism} round ${e.round} ${e.direction} ${e.bytes} B`;
    case 'auth.info':
      return `SASL ${e.mechanism} ${Object.entries(e.detail)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ')}`;
    case 'auth.success':
      return `authenticated with ${e.mechanism} in ${e.rounds} round(s)${e.sessionLifetimeMs ? `, session lifetime ${Math.round(e.sessionLifetimeMs)} ms` : ''} (${ms(e.ms)})`;
    case 'auth.failure':
      return `authentication with ${e.mechanism} failed${e.errorCode !== null ? ` (error ${e.errorCode})` : ''}: ${e.message}`;
    case 'frame':
      return `frame ${e.direction} ${e.size} B${e.apiKey !== null ? ` api ${e.apiKey} v${e.apiVersion}` : ''}${e.correlationId !== null ? ` #${e.correlationId}` : ''}${e.redacted ? ' (SASL payload blanked)' : ''}`;
    case 'close':
      return `closed ${e.reason}${e.kind ? ` [${e.kind}]` : ''} in ${e.state} after ${ms(e.msInState)}: ${plainMessage(e.message)}`;
    case 'pool.bootstrap':
      return `pool bootstrap ${e.addresses.join(', ')}`;
    case 'pool.dial':
      return `pool dials ${e.key} at ${e.address} (attempt ${e.attempt})`;
    case 'pool.connected':
      return `pool connected ${e.key} at ${e.address}`;
    case 'pool.backoff':
      return `pool: ${e.key} at ${e.address} failed${e.kind ? ` [${e.kind}]` : ''}: ${e.error}; ${e.message}`;
    case 'pool.disconnected':
      return `pool: ${e.key} disconnected ${e.reason}: ${e.message}`;
    case 'pool.retire':
      return `pool retires ${e.key} (${e.address}): ${e.why}`;
    case 'pool.metadata':
      return `metadata (${e.trigger}) from ${e.source}: cluster ${e.clusterId ?? '?'}, controller ${e.controllerId ?? 'none'}, brokers ${e.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(', ')}`;
    case 'pool.metadata-failed':
      return `metadata (${e.trigger}) failed: ${e.error}`;
    case 'pool.advertised-check':
      return `advertised-listener check of ${e.checked} broker(s): ${e.findings.length === 0 ? 'all reachable' : e.findings.map((f) => `${f.code} ${f.advertised}`).join('; ')}`;
    case 'pool.reaped':
      return `pool reaped idle ${e.key} after ${ms(e.idleMs)}`;
    case 'pool.shutdown':
      return `pool shut down: ${e.closed} connection(s) closed${e.drained ? '' : ', not drained'} (${ms(e.ms)})`;
    default: {
      const unknown = e as { type: string };
      return unknown.type;
    }
  }
}
