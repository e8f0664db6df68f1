/**
 * Redaction for every export format. Secrets never leave: the core already blanks SASL
 * frames at capture and never puts credentials in events; on top of that every string is
 * scrubbed of anything shaped like a secret (JWTs, bearer tokens, SCRAM proofs, key=value
 * passwords, PEM private keys), of the secret values the caller knows (the password or
 * token it connected with), and fields named like secrets are blanked.
 *
 * Host names and IP addresses can be masked too, consistently: the same input gives the
 * same mask in every format (JSONL, text, pcapng addresses, host names inside Metadata
 * replies), because masks are assigned in event order by a pass over the whole export
 * before anything is written. Masks are valid values of their kind: host-1, host-2 for
 * names; 10.0.0.1, 10.0.0.2 for IPv4; fd00::1 for IPv6.
 */
import { isIP } from 'node:net';
import { decodeResponse, encodeResponseFrame } from '../core/protocol';
import type { PoolStreamEvent } from '../core';
import { APIS_WITH_HOSTS } from '../diagnose/observations';

export interface RedactionOptions {
  /** Mask host names and IP addresses (default false). */
  maskHosts?: boolean;
  /** Secret values the caller knows (password, token, client secret): scrubbed wherever they appear. */
  secrets?: readonly (string | null | undefined)[];
}

/** What the header of an export says about its redaction (never the masks' mapping). */
export interface RedactionInfo {
  /** Always 'scrubbed': secret-shaped strings and known secret values are removed. */
  secrets: 'scrubbed';
  /** SASL payloads in frames: blanked by the core at capture, lengths kept. */
  saslPayloads: 'blanked';
  hosts: 'masked' | 'kept';
  /** How many distinct host names / IP addresses were masked. */
  maskedHosts: number;
  maskedAddresses: number;
  /** How many known secret values the exporter was given to scrub (never the values). */
  knownSecrets: number;
}

export const REDACTED = '[REDACTED]';

/** Object keys whose string values are secrets, whatever they hold. */
const SECRET_KEYS =
  /^(password|passwd|pwd|passphrase|secret|clientsecret|client_secret|token|accesstoken|access_token|refreshtoken|refresh_token|idtoken|id_token|proof|clientproof|privatekey|private_key|authbytes|saslpassword|oauthtoken|oidcclientsecret|tlskeypem|tlskeypassphrase|pkcs12passphrase)$/i;

// RFC 7628 separates key=value pairs with %x01: the control character is meant.
/* eslint-disable no-control-regex */
const SECRET_PATTERNS: [RegExp, string][] = [
  [
    /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
    '[REDACTED:private-key]',
  ],
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[REDACTED:jwt]'],
  [/\b(Bearer)(\s+)[^\s"',;\x01]+/gi, `$1$2${REDACTED}`],
  [/\bauth=Bearer[^\x01"]*/gi, `auth=Bearer ${REDACTED}`],
  // SCRAM client-final proof and server-final signature (RFC 5802): p=… and v=… (base64).
  [/(^|[,\s"'])(p|v)=[A-Za-z0-9+/]{16,}={0,2}/g, `$1$2=${REDACTED}`],
  [
    /\b(password|passwd|pwd|passphrase|secret|client_secret|token|access_token|refresh_token)(\s*[=:]\s*)("?)[^\s",;&)]+/gi,
    `$1$2$3${REDACTED}`,
  ],
];
const FRAME_PATTERNS = [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, /auth=Bearer [^\x01]*/g];
/* eslint-enable no-control-regex */

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A host name, an IP address, or either with a port / in brackets. */
const HOSTISH = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.:-]+)(:\d+)?$/;

const IPV4_IN_TEXT =
  /(?<![0-9.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![0-9]|\.[0-9])/g;

export class Redactor {
  readonly maskHosts: boolean;
  private readonly known: string[];
  private readonly hosts = new Map<string, string>();
  private readonly v4 = new Map<string, string>();
  private readonly v6 = new Map<string, string>();
  private tokenRegex: RegExp | null = null;
  private v6Regex: RegExp | null = null;

  /** `events` (and any other values to export) are scanned first so masks are assigned in order. */
  constructor(options: RedactionOptions = {}, scan: readonly unknown[] = []) {
    this.maskHosts = options.maskHosts ?? false;
    this.known = [
      ...new Set((options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 3)),
    ].sort((a, b) => b.length - a.length);
    if (this.maskHosts) for (const v of scan) this.collect(v);
  }

  info(): RedactionInfo {
    return {
      secrets: 'scrubbed',
      saslPayloads: 'blanked',
      hosts: this.maskHosts ? 'masked' : 'kept',
      maskedHosts: this.hosts.size,
      maskedAddresses: this.v4.size + this.v6.size,
      knownSecrets: this.known.length,
    };
  }

  // ---------------------------------------------------------------- masks

  /** The mask of one host name or IP address (assigned on first sight). */
  host(h: string): string {
    if (!this.maskHosts || h === '') return h;
    const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
    const family = isIP(bare);
    if (family === 4)
      return this.assign(this.v4, bare, (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
    if (family === 6) return this.assign(this.v6, bare.toLowerCase(), (n) => `fd00::${n.toString(16)}`);
    const key = bare.toLowerCase().replace(/\.$/, '');
    if (/^host-\d+$/.test(key)) return bare;
    return this.assign(this.hosts, key, (n) => `host-${n}`);
  }

  private assign(map: Map<string, string>, key: string, make: (n: number) => string): string {
    let m = map.get(key);
    if (!m) {
      m = make(map.size + 1);
      map.set(key, m);
      this.tokenRegex = null;
      this.v6Regex = null;
    }
    return m;
  }

  /** host:port, [v6]:port or a bare host. */
  address(a: string): string {
    if (!this.maskHosts) return a;
    const m = a.match(/^\[([^\]]+)\](:\d+)?$/);
    if (m) return `[${this.host(m[1]!)}]${m[2] ?? ''}`;
    const i = a.lastIndexOf(':');
    if (i > 0 && a.indexOf(':') === i && /^\d+$/.test(a.slice(i + 1)))
      return `${this.host(a.slice(0, i))}${a.slice(i)}`;
    return this.host(a);
  }

  // ---------------------------------------------------------------- collection pass

  /**
   * Finds host names and addresses in the fields that hold them (by name, and for `source`
   * only in pool.metadata, where it is an address), plus IPv4 literals in any text.
   */
  private collect(v: unknown, key = '', parentType: unknown = undefined): void {
    if (typeof v === 'string') {
      this.collectString(key, v, parentType);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const item of v) this.collect(item, key, parentType);
      return;
    }
    const o = v as Record<string, unknown>;
    if (
      o.type === 'frame' &&
      typeof o.data === 'string' &&
      o.direction === 'in' &&
      typeof o.apiKey === 'number' &&
      typeof o.apiVersion === 'number'
    ) {
      this.collectFrameHosts(o.apiKey, o.apiVersion, o.data);
    }
    for (const [k, val] of Object.entries(o)) if (k !== 'data') this.collect(val, k, o.type);
  }

  private collectString(key: string, s: string, parentType: unknown): void {
    const addresses = (text: string): void => {
      for (const part of text.split(',')) if (HOSTISH.test(part.trim())) this.address(part.trim());
    };
    switch (key) {
      case 'host':
      case 'servername':
      case 'remoteAddress':
      case 'localAddress':
      case 'advertisedHost':
        if (HOSTISH.test(s)) this.host(s);
        return;
      case 'broker':
      case 'advertised':
      case 'bootstrap':
      case 'address':
        addresses(s);
        return;
      case 'addresses':
        if (parentType === 'pool.bootstrap') addresses(s);
        return;
      case 'source':
        if (parentType === 'pool.metadata') addresses(s);
        return;
      case 'subjectAltNames': {
        const m = s.match(/^(DNS|IP Address):(.+)$/);
        if (m && HOSTISH.test(m[2]!.trim())) this.host(m[2]!.trim());
        return;
      }
      default:
        for (const ip of s.match(IPV4_IN_TEXT) ?? []) this.host(ip);
    }
  }

  private collectFrameHosts(apiKey: number, apiVersion: number, data: string): void {
    if (!APIS_WITH_HOSTS.has(apiKey)) return;
    try {
      const body = decodeResponse(apiKey, apiVersion, Buffer.from(data, 'base64').subarray(4)).body;
      walkHosts(body, (h) => {
        this.host(h);
        return h;
      });
    } catch {
      // not decodable: left as it is
    }
  }

  // ---------------------------------------------------------------- applying

  /** A deep copy of any plain-JSON value with secrets scrubbed and (optionally) hosts masked. */
  value<T>(v: T): T {
    return this.walk(v, '') as T;
  }

  /** An event, redacted; frame payloads rewritten (hosts masked in replies, known secrets blanked). */
  event<E extends PoolStreamEvent>(e: E): E {
    const out = this.walk(e, '') as E;
    if (out.type === 'frame' && 'data' in e && typeof e.data === 'string') {
      const f = e as Extract<PoolStreamEvent, { type: 'frame' }>;
      const bytes = this.frameBytes(f.direction, f.apiKey, f.apiVersion, Buffer.from(f.data, 'base64'));
      const o = out as Extract<PoolStreamEvent, { type: 'frame' }>;
      o.data = bytes.toString('base64');
      o.size = bytes.length;
    }
    return out;
  }

  private walk(v: unknown, key: string): unknown {
    if (typeof v === 'string') {
      if (SECRET_KEYS.test(key)) return REDACTED;
      if (key === 'data') return v; // frame payload: handled by event()
      return this.text(v);
    }
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((item) => this.walk(item, key));
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = this.walk(val, k);
    return out;
  }

  /** Scrubs secrets from free text and masks every known host and any IPv4 address in it. */
  text(s: string): string {
    let t = s;
    for (const secret of this.known) if (t.includes(secret)) t = t.split(secret).join(REDACTED);
    for (const [re, replacement] of SECRET_PATTERNS) t = t.replace(re, replacement);
    if (!this.maskHosts) return t;
    t = t.replace(IPV4_IN_TEXT, (ip) => this.host(ip));
    const v6 = this.v6Pattern();
    if (v6) t = t.replace(v6, (ip) => this.v6.get(ip.toLowerCase()) ?? ip);
    const tokens = this.tokenPattern();
    if (tokens) t = t.replace(tokens, (h) => this.hosts.get(h.toLowerCase()) ?? h);
    return t;
  }

  private tokenPattern(): RegExp | null {
    if (this.tokenRegex || this.hosts.size === 0) return this.tokenRegex;
    const names = [...this.hosts.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.tokenRegex = new RegExp(
      `(?<![A-Za-z0-9_.-])(?:${names.join('|')})(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`,
      'gi',
    );
    return this.tokenRegex;
  }

  private v6Pattern(): RegExp | null {
    if (this.v6Regex || this.v6.size === 0) return this.v6Regex;
    const names = [...this.v6.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.v6Regex = new RegExp(`(?<![A-Za-z0-9:.])(?:${names.join('|')})(?![A-Za-z0-9:.])`, 'gi');
    return this.v6Regex;
  }

  /** A captured frame: known secrets and bearer tokens blanked (zeros, same length); hosts masked in replies. */
  frameBytes(
    direction: 'in' | 'out',
    apiKey: number | null,
    apiVersion: number | null,
    frame: Buffer,
  ): Buffer {
    let bytes: Buffer = Buffer.from(frame);
    const latin = bytes.toString('latin1');
    for (const secret of this.known) {
      const needle = Buffer.from(secret, 'utf8').toString('latin1');
      for (let i = latin.indexOf(needle); i >= 0; i = latin.indexOf(needle, i + 1))
        bytes.fill(0, i, i + needle.length);
    }
    for (const re of FRAME_PATTERNS) {
      for (const m of latin.matchAll(re)) bytes.fill(0, m.index, m.index + m[0].length);
    }
    if (
      this.maskHosts &&
      direction === 'in' &&
      apiKey !== null &&
      apiVersion !== null &&
      APIS_WITH_HOSTS.has(apiKey)
    ) {
      try {
        const decoded = decodeResponse(apiKey, apiVersion, bytes.subarray(4));
        let changed = false;
        const body = walkHosts(
          decoded.body,
          (h) => {
            const m = this.host(h);
            if (m !== h) changed = true;
            return m;
          },
          (msg) => {
            const m = this.text(msg);
            if (m !== msg) changed = true;
            return m;
          },
        );
        if (changed) bytes = encodeResponseFrame(apiKey, apiVersion, decoded.correlationId, body);
      } catch {
        // not decodable: keep it (its hosts are still masked in the events' text)
      }
    }
    return bytes;
  }
}

/** Rewrites `host` fields (and optionally errorMessage strings) of a decoded reply body. */
function walkHosts(v: unknown, onHost: (h: string) => string, onMessage?: (m: string) => string): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array || typeof v === 'bigint') return v;
  if (Array.isArray(v)) return v.map((x) => walkHosts(x, onHost, onMessage));
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'host' && typeof val === 'string') out[k] = onHost(val);
    else if (k === 'errorMessage' && typeof val === 'string' && onMessage) out[k] = onMessage(val);
    else out[k] = walkHosts(val, onHost, onMessage);
  }
  return out;
}
