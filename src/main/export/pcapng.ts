/**
 * pcapng export: the Kafka frames of `frame` events (captured before TLS, SASL payloads
 * blanked) wrapped in synthetic Ethernet / IPv4 or IPv6 / TCP headers with the real
 * addresses and ports of each connection (`tcp.connected`, masked when the export masks
 * hosts), a synthetic three-way handshake, plausible sequence and acknowledgement numbers,
 * FIN at close, and the events' timestamps. One interface block, enhanced packet blocks,
 * so Wireshark's Kafka dissector decodes them even for connections that were TLS
 * (decode as Kafka: `-d tcp.port==PORT,kafka` when the port is not 9092).
 *
 * Format: https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html (little endian).
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { ConnectionEvent, PoolStreamEvent } from '../core';
import { isConnectionEvent } from '../diagnose/summary';
import { prepareExport, APP, type ExportInput, type ExportOptions, type PreparedExport } from './prepare';

type FrameEvent = Extract<ConnectionEvent, { type: 'frame' }>;

const LINKTYPE_ETHERNET = 1;
const MSS = 16_384;
const CLIENT_MAC = Buffer.from([0x02, 0x00, 0x00, 0x00, 0x00, 0x01]);
const SERVER_MAC = Buffer.from([0x02, 0x00, 0x00, 0x00, 0x00, 0x02]);
const TCP_FIN = 0x01;
const TCP_SYN = 0x02;
const TCP_PSH = 0x08;
const TCP_ACK = 0x10;

export interface PcapngOptions {
  /** Add a comment to each packet naming the API, correlation id and connection (default true). */
  comments?: boolean;
}

// ---------------------------------------------------------------- blocks

function pad4(n: number): number {
  return (4 - (n % 4)) % 4;
}

function option(code: number, value: Buffer): Buffer {
  const b = Buffer.alloc(4 + value.length + pad4(value.length));
  b.writeUInt16LE(code, 0);
  b.writeUInt16LE(value.length, 2);
  value.copy(b, 4);
  return b;
}

const END_OF_OPTIONS = Buffer.alloc(4);

function block(type: number, body: Buffer): Buffer {
  const total = 12 + body.length;
  const b = Buffer.alloc(total);
  b.writeUInt32LE(type, 0);
  b.writeUInt32LE(total, 4);
  body.copy(b, 8);
  b.writeUInt32LE(total, total - 4);
  return b;
}

function sectionHeader(): Buffer {
  const fixed = Buffer.alloc(16);
  fixed.writeUInt32LE(0x1a2b3c4d, 0);
  fixed.writeUInt16LE(1, 4);
  fixed.writeUInt16LE(0, 6);
  fixed.writeBigInt64LE(-1n, 8);
  const opts = Buffer.concat([
    option(4, Buffer.from(`${APP.name} ${APP.version}`)), // shb_userappl
    option(1, Buffer.from('Kafka frames as captured before TLS; TCP/IP headers are synthetic')), // opt_comment
    END_OF_OPTIONS,
  ]);
  return block(0x0a0d0d0a, Buffer.concat([fixed, opts]));
}

function interfaceDescription(): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16LE(LINKTYPE_ETHERNET, 0);
  fixed.writeUInt16LE(0, 2);
  fixed.writeUInt32LE(0, 4); // snaplen: no limit
  const opts = Buffer.concat([
    option(2, Buffer.from('brokerscope')), // if_name
    option(3, Buffer.from('synthetic Ethernet carrying the Kafka frames of brokerscope connections')), // if_description
    option(9, Buffer.from([6])), // if_tsresol: microseconds
    END_OF_OPTIONS,
  ]);
  return block(1, Buffer.concat([fixed, opts]));
}

function enhancedPacket(tsMicros: bigint, packet: Buffer, comment: string | null): Buffer {
  const fixed = Buffer.alloc(20);
  fixed.writeUInt32LE(0, 0);
  fixed.writeUInt32LE(Number((tsMicros >> 32n) & 0xffffffffn), 4);
  fixed.writeUInt32LE(Number(tsMicros & 0xffffffffn), 8);
  fixed.writeUInt32LE(packet.length, 12);
  fixed.writeUInt32LE(packet.length, 16);
  const parts = [fixed, packet, Buffer.alloc(pad4(packet.length))];
  if (comment) parts.push(option(1, Buffer.from(comment)), END_OF_OPTIONS);
  return block(6, Buffer.concat(parts));
}

// ---------------------------------------------------------------- addresses and checksums

/** IPv4 or IPv6 text to bytes (4 or 16). */
export function ipBytes(address: string): Buffer {
  const family = isIP(address);
  if (family === 4) return Buffer.from(address.split('.').map(Number));
  if (family !== 6) throw new Error(`not an IP address: ${address}`);
  let text = address.split('%')[0]!;
  const tail: number[] = [];
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const b = v4[1]!.split('.').map(Number);
    tail.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
    text = text.slice(0, -v4[1]!.length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, null];
  const words = (s: string | undefined): number[] =>
    s
      ? s
          .split(':')
          .filter((w) => w !== '')
          .map((w) => parseInt(w, 16))
      : [];
  const left = words(head);
  const right = [...words(rest ?? undefined), ...tail];
  const fill = rest === null ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  const all = rest === null ? [...left, ...tail] : [...left, ...fill, ...right];
  const out = Buffer.alloc(16);
  all.forEach((w, i) => out.writeUInt16BE(w & 0xffff, i * 2));
  return out;
}

function checksum(...parts: Buffer[]): number {
  let sum = 0;
  for (const p of parts) {
    for (let i = 0; i + 1 < p.length; i += 2) sum += p.readUInt16BE(i);
    if (p.length % 2) sum += p[p.length - 1]! << 8;
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

interface Endpoint {
  ip: Buffer;
  port: number;
  mac: Buffer;
}

let ipId = 0;

function packet(
  src: Endpoint,
  dst: Endpoint,
  seq: number,
  ack: number,
  flags: number,
  payload: Buffer,
): Buffer {
  const tcp = Buffer.alloc(20);
  tcp.writeUInt16BE(src.port, 0);
  tcp.writeUInt16BE(dst.port, 2);
  tcp.writeUInt32BE(seq >>> 0, 4);
  tcp.writeUInt32BE(flags & TCP_ACK ? ack >>> 0 : 0, 8);
  tcp.writeUInt8(5 << 4, 12);
  tcp.writeUInt8(flags, 13);
  tcp.writeUInt16BE(65535, 14);
  const tcpLength = tcp.length + payload.length;
  const v6 = src.ip.length === 16;
  const pseudo = Buffer.alloc(v6 ? 40 : 12);
  src.ip.copy(pseudo, 0);
  dst.ip.copy(pseudo, v6 ? 16 : 4);
  if (v6) {
    pseudo.writeUInt32BE(tcpLength, 32);
    pseudo.writeUInt8(6, 39);
  } else {
    pseudo.writeUInt8(6, 9);
    pseudo.writeUInt16BE(tcpLength, 10);
  }
  tcp.writeUInt16BE(checksum(pseudo, tcp, payload), 16);

  let ip: Buffer;
  if (v6) {
    ip = Buffer.alloc(40);
    ip.writeUInt32BE(0x60000000, 0);
    ip.writeUInt16BE(tcpLength, 4);
    ip.writeUInt8(6, 6);
    ip.writeUInt8(64, 7);
    src.ip.copy(ip, 8);
    dst.ip.copy(ip, 24);
  } else {
    ip = Buffer.alloc(20);
    ip.writeUInt8(0x45, 0);
    ip.writeUInt16BE(20 + tcpLength, 2);
    ip.writeUInt16BE(ipId++ & 0xffff, 4);
    ip.writeUInt16BE(0x4000, 6); // don't fragment
    ip.writeUInt8(64, 8);
    ip.writeUInt8(6, 9);
    src.ip.copy(ip, 12);
    dst.ip.copy(ip, 16);
    ip.writeUInt16BE(checksum(ip), 10);
  }
  const eth = Buffer.alloc(14);
  dst.mac.copy(eth, 0);
  src.mac.copy(eth, 6);
  eth.writeUInt16BE(v6 ? 0x86dd : 0x0800, 12);
  return Buffer.concat([eth, ip, tcp, payload]);
}

// ---------------------------------------------------------------- connections to packets

interface Packet {
  tsMicros: bigint;
  order: number;
  data: Buffer;
  comment: string | null;
}

function isn(connectionId: string, side: string): number {
  return createHash('sha256').update(`${connectionId}/${side}`).digest().readUInt32BE(0);
}

/** Wall-clock ms of an event, with sub-ms precision from the monotonic clock. */
function clockFor(events: readonly PoolStreamEvent[]): (e: { time: number; mono: number }) => number {
  let base = -Infinity;
  for (const e of events) base = Math.max(base, e.time - e.mono);
  return (e) => (Number.isFinite(base) ? base + e.mono : e.time);
}

export function toPcapng(input: ExportInput, options: ExportOptions & PcapngOptions = {}): Buffer {
  return pcapngFromPrepared(prepareExport(input, options), options);
}

export function pcapngFromPrepared(p: PreparedExport, options: PcapngOptions = {}): Buffer {
  const comments = options.comments ?? true;
  const at = clockFor(p.events);
  const micros = (e: { time: number; mono: number }): bigint => BigInt(Math.round(at(e) * 1000));
  const byConn = new Map<string, ConnectionEvent[]>();
  for (const e of p.events) {
    if (!isConnectionEvent(e)) continue;
    let list = byConn.get(e.connectionId);
    if (!list) byConn.set(e.connectionId, (list = []));
    list.push(e);
  }
  const packets: Packet[] = [];
  let order = 0;
  ipId = 0;
  for (const [id, list] of byConn) {
    list.sort((a, b) => a.seq - b.seq);
    const frames = list.filter((e): e is FrameEvent => e.type === 'frame');
    const tcp = list.find(
      (e): e is Extract<ConnectionEvent, { type: 'tcp.connected' }> => e.type === 'tcp.connected',
    );
    if (frames.length === 0 || !tcp) continue;
    const serverIp = isIP(tcp.remoteAddress) ? tcp.remoteAddress : '10.255.255.2';
    const family = isIP(serverIp);
    const clientIp =
      isIP(tcp.localAddress) === family ? tcp.localAddress : family === 6 ? 'fd00::ffff' : '10.255.255.1';
    const client: Endpoint = { ip: ipBytes(clientIp), port: tcp.localPort || 49152, mac: CLIENT_MAC };
    const server: Endpoint = { ip: ipBytes(serverIp), port: tcp.remotePort, mac: SERVER_MAC };
    let cSeq = isn(id, 'client');
    let sSeq = isn(id, 'server');
    const short = id.slice(0, 8);
    const push = (e: { time: number; mono: number }, data: Buffer, comment: string | null): void => {
      packets.push({ tsMicros: micros(e), order: order++, data, comment: comments ? comment : null });
    };
    push(
      tcp,
      packet(client, server, cSeq, 0, TCP_SYN, Buffer.alloc(0)),
      `connection ${short}: synthetic handshake`,
    );
    push(tcp, packet(server, client, sSeq, cSeq + 1, TCP_SYN | TCP_ACK, Buffer.alloc(0)), null);
    cSeq = (cSeq + 1) >>> 0;
    sSeq = (sSeq + 1) >>> 0;
    push(tcp, packet(client, server, cSeq, sSeq, TCP_ACK, Buffer.alloc(0)), null);
    for (const f of frames) {
      const bytes = Buffer.from(f.data, 'base64');
      const out = f.direction === 'out';
      const what =
        f.apiKey !== null
          ? `${f.direction === 'out' ? 'request' : 'response'} api ${f.apiKey} v${f.apiVersion} correlation id ${f.correlationId}`
          : 'raw SASL token';
      const comment = `connection ${short} #${f.seq}: ${what}${f.redacted ? ' (SASL payload blanked)' : ''}`;
      for (let off = 0; off < bytes.length || off === 0; off += MSS) {
        const seg = bytes.subarray(off, Math.min(bytes.length, off + MSS));
        const last = off + MSS >= bytes.length;
        const flags = TCP_ACK | (last ? TCP_PSH : 0);
        if (out) {
          push(f, packet(client, server, cSeq, sSeq, flags, seg), off === 0 ? comment : null);
          cSeq = (cSeq + seg.length) >>> 0;
        } else {
          push(f, packet(server, client, sSeq, cSeq, flags, seg), off === 0 ? comment : null);
          sSeq = (sSeq + seg.length) >>> 0;
        }
        if (bytes.length === 0) break;
      }
    }
    const close = list.find((e): e is Extract<ConnectionEvent, { type: 'close' }> => e.type === 'close');
    if (close) {
      const clientCloses =
        close.reason === 'SHUTDOWN' ||
        close.reason === 'IDLE_DROP' ||
        close.reason === 'OUT_OF_SYNC' ||
        close.reason === 'CONNECTION_TIMEOUT' ||
        close.reason === 'AUTH_FAILURE';
      const [a, b, aSeq, bSeq] = clientCloses ? [client, server, cSeq, sSeq] : [server, client, sSeq, cSeq];
      push(
        close,
        packet(a, b, aSeq, bSeq, TCP_FIN | TCP_ACK, Buffer.alloc(0)),
        `connection ${short}: closed ${close.reason}`,
      );
      push(close, packet(b, a, bSeq, aSeq + 1, TCP_FIN | TCP_ACK, Buffer.alloc(0)), null);
      push(close, packet(a, b, aSeq + 1, bSeq + 1, TCP_ACK, Buffer.alloc(0)), null);
    }
  }
  packets.sort((x, y) => (x.tsMicros < y.tsMicros ? -1 : x.tsMicros > y.tsMicros ? 1 : x.order - y.order));
  return Buffer.concat([
    sectionHeader(),
    interfaceDescription(),
    ...packets.map((pk) => enhancedPacket(pk.tsMicros, pk.data, pk.comment)),
  ]);
}
