/**
 * The well-known advertised.listeners misconfiguration: bootstrap works, but the address a
 * broker advertises doesn't resolve, refuses, or is a loopback/internal name that only
 * works on the broker's own host.
 */
import { isIP } from 'node:net';
import type { FailureKind } from '../connection/failure-kind';

export type AdvertisedFindingCode = 'ADVERTISED_LISTENER_UNREACHABLE' | 'ADVERTISED_LISTENER_LOCALHOST';

export interface AdvertisedFinding {
  code: AdvertisedFindingCode;
  nodeId: number;
  /** host:port the broker advertises. */
  advertised: string;
  /** host:port of the bootstrap address that worked. */
  bootstrap: string;
  failureKind: FailureKind | null;
  message: string;
}

const INTERNAL_SUFFIXES = ['.internal', '.local', '.localdomain', '.svc', '.cluster.local', '.lan', '.home.arpa'];

/** A name that only means something on the broker's own host or inside its private network. */
export function isLoopbackOrInternal(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const family = isIP(h);
  if (family === 4) return h.startsWith('127.') || h === '0.0.0.0';
  if (family === 6) return h === '::1' || h === '::';
  if (!h.includes('.')) return true; // a bare container or host name
  return INTERNAL_SUFFIXES.some((s) => h.endsWith(s));
}

export function advertisedFinding(args: {
  nodeId: number;
  advertisedHost: string;
  advertisedPort: number;
  bootstrap: string;
  failureKind: FailureKind | null;
  error: string;
}): AdvertisedFinding {
  const advertised = `${args.advertisedHost}:${args.advertisedPort}`;
  const local = isLoopbackOrInternal(args.advertisedHost);
  const how =
    args.failureKind === 'DNS_FAILURE'
      ? 'does not resolve'
      : args.failureKind === 'CONNECTION_REFUSED'
        ? 'refuses connections'
        : 'cannot be reached';
  return {
    code: local ? 'ADVERTISED_LISTENER_LOCALHOST' : 'ADVERTISED_LISTENER_UNREACHABLE',
    nodeId: args.nodeId,
    advertised,
    bootstrap: args.bootstrap,
    failureKind: args.failureKind,
    message: local
      ? `Broker ${args.nodeId} advertises ${advertised}, a loopback or internal name that only works on the broker's own host; it ${how} from here, while bootstrap ${args.bootstrap} works. Set advertised.listeners to an address clients can reach.`
      : `Broker ${args.nodeId} advertises ${advertised}, which ${how} from here (${args.error}), while bootstrap ${args.bootstrap} works. Fix advertised.listeners, or make that address reachable.`,
  };
}
