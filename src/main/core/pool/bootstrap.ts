/**
 * Bootstrap lists, parsed as the reference design's collect_hosts / get_ip_port_afi do:
 * `host`, `host:port`, `[v6]`, `[v6]:port` and bare IPv6; default port 9092; entries
 * separated by commas and/or whitespace; optionally shuffled.
 */
import { isIP } from 'node:net';

export const DEFAULT_KAFKA_PORT = 9092;

export interface BootstrapAddress {
  host: string;
  port: number;
  /** 4, 6, or 0 for a host name. */
  family: 0 | 4 | 6;
  /** The entry as written. */
  entry: string;
}

export class BootstrapParseError extends Error {
  override readonly name = 'BootstrapParseError';
  constructor(
    readonly entry: string,
    readonly problem: string,
  ) {
    super(`bootstrap entry "${entry}": ${problem}`);
  }
}

function parsePort(entry: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new BootstrapParseError(entry, `port "${text}" is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new BootstrapParseError(entry, `port ${port} is out of range (1–65535)`);
  return port;
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;

/** One entry: `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address. */
export function parseBootstrapEntry(entry: string, defaultPort = DEFAULT_KAFKA_PORT): BootstrapAddress {
  const text = entry.trim();
  if (text.length === 0) throw new BootstrapParseError(entry, 'empty entry');
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw new BootstrapParseError(entry, 'missing "]" after an IPv6 address');
    const host = text.slice(1, close);
    if (isIP(host) !== 6) throw new BootstrapParseError(entry, `"${host}" is not an IPv6 address`);
    const rest = text.slice(close + 1);
    if (rest === '') return { host, port: defaultPort, family: 6, entry: text };
    if (!rest.startsWith(':')) throw new BootstrapParseError(entry, `unexpected "${rest}" after "]"`);
    return { host, port: parsePort(entry, rest.slice(1)), family: 6, entry: text };
  }
  if (isIP(text) === 6) return { host: text, port: defaultPort, family: 6, entry: text };
  const colon = text.lastIndexOf(':');
  const host = colon < 0 ? text : text.slice(0, colon);
  const port = colon < 0 ? defaultPort : parsePort(entry, text.slice(colon + 1));
  if (host.includes(':')) throw new BootstrapParseError(entry, 'an IPv6 address with a port must be written [address]:port');
  if (host === '') throw new BootstrapParseError(entry, 'the host is missing');
  const family = isIP(host);
  if (family === 0 && !HOSTNAME.test(host)) throw new BootstrapParseError(entry, `"${host}" is not a valid host name`);
  return { host, port, family: family as 0 | 4, entry: text };
}

export interface ParseBootstrapOptions {
  defaultPort?: number;
  shuffle?: boolean;
  /** For a repeatable shuffle in tests. */
  random?: () => number;
}

/** Every entry of a list (string or array); throws on the first bad entry, naming it. */
export function parseBootstrap(list: string | readonly string[], opts: ParseBootstrapOptions = {}): BootstrapAddress[] {
  const entries = (typeof list === 'string' ? [list] : list).flatMap((s) => s.split(/[\s,]+/)).filter((s) => s.length > 0);
  if (entries.length === 0) throw new BootstrapParseError(typeof list === 'string' ? list : list.join(','), 'the bootstrap list is empty');
  const out = entries.map((e) => parseBootstrapEntry(e, opts.defaultPort));
  if (opts.shuffle) {
    const random = opts.random ?? Math.random;
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
  }
  return out;
}
