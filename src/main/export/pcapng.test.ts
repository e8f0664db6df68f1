import { describe, expect, it } from 'vitest';
import type { ConnectionEvent, ConnectionEventBody } from '../core';
import { ipBytes, toPcapng } from './pcapng';

interface Block {
  type: number;
  body: Buffer;
}

function blocks(file: Buffer): Block[] {
  const out: Block[] = [];
  for (let off = 0; off < file.length;) {
    const type = file.readUInt32LE(off);
    const len = file.readUInt32LE(off + 4);
    expect(len % 4).toBe(0);
    expect(file.readUInt32LE(off + len - 4)).toBe(len);
    out.push({ type, body: file.subarray(off + 8, off + len - 4) });
    off += len;
  }
  return out;
}

function sum16(...parts: Buffer[]): number {
  let s = 0;
  for (const p of parts) {
    for (let i = 0; i + 1 < p.length; i += 2) s += p.readUInt16BE(i);
    if (p.length % 2) s += p[p.length - 1]! << 8;
  }
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

interface Parsed {
  ts: bigint;
  v6: boolean;
  src: Buffer;
  dst: Buffer;
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  payload: Buffer;
}

/** Enhanced packet blocks → packets; checks IP and TCP checksums on the way. */
function packets(file: Buffer): Parsed[] {
  return blocks(file)
    .filter((b) => b.type === 6)
    .map((b) => {
      const ts = (BigInt(b.body.readUInt32LE(4)) << 32n) | BigInt(b.body.readUInt32LE(8));
      const len = b.body.readUInt32LE(12);
      const pkt = b.body.subarray(20, 20 + len);
      const v6 = pkt.readUInt16BE(12) === 0x86dd;
      const ipLen = v6 ? 40 : 20;
      const ip = pkt.subarray(14, 14 + ipLen);
      const tcp = pkt.subarray(14 + ipLen);
      const src = v6 ? ip.subarray(8, 24) : ip.subarray(12, 16);
      const dst = v6 ? ip.subarray(24, 40) : ip.subarray(16, 20);
      if (!v6) expect(sum16(ip)).toBe(0xffff);
      const pseudo = Buffer.alloc(v6 ? 40 : 12);
      src.copy(pseudo, 0);
      dst.copy(pseudo, v6 ? 16 : 4);
      if (v6) {
        pseudo.writeUInt32BE(tcp.length, 32);
        pseudo[39] = 6;
      } else {
        pseudo[9] = 6;
        pseudo.writeUInt16BE(tcp.length, 10);
      }
      expect(sum16(pseudo, tcp)).toBe(0xffff);
      return {
        ts,
        v6,
        src,
        dst,
        sport: tcp.readUInt16BE(0),
        dport: tcp.readUInt16BE(2),
        seq: tcp.readUInt32BE(4),
        ack: tcp.readUInt32BE(8),
        flags: tcp[13]!,
        payload: tcp.subarray(20),
      };
    });
}

function connection(
  remote: string,
  local: string,
  frames: { dir: 'in' | 'out'; bytes: Buffer }[],
  id = 'conn-1',
): ConnectionEvent[] {
  let seq = 0;
  const at = (body: ConnectionEventBody): ConnectionEvent => {
    seq++;
    return {
      seq,
      time: 1_700_000_000_000 + seq,
      mono: 500 + seq + 0.25,
      connectionId: id,
      broker: `[${remote}]:9092`,
      nodeId: null,
      ...body,
    } as ConnectionEvent;
  };
  return [
    at({
      type: 'tcp.connected',
      remoteAddress: remote,
      remotePort: 9092,
      localAddress: local,
      localPort: 51000,
      ms: 1,
    }),
    ...frames.map((f, i) =>
      at({
        type: 'frame',
        direction: f.dir,
        correlationId: i,
        apiKey: 3,
        apiVersion: 12,
        size: f.bytes.length,
        data: f.bytes.toString('base64'),
        redacted: false,
      }),
    ),
    at({
      type: 'close',
      reason: 'SHUTDOWN',
      message: 'bye',
      kind: null,
      cause: null,
      state: 'READY',
      msInState: 1,
      inFlightFailed: 0,
      queuedFailed: 0,
    }),
  ];
}

const frame = (n: number, fill = 1): Buffer => {
  const b = Buffer.alloc(4 + n, fill);
  b.writeInt32BE(n, 0);
  return b;
};

describe('toPcapng', () => {
  it('writes a section header, one Ethernet interface (µs) and enhanced packet blocks', () => {
    const file = toPcapng({
      events: connection('127.0.0.1', '127.0.0.1', [{ dir: 'out', bytes: frame(10) }]),
    });
    const bs = blocks(file);
    expect(bs[0]?.type).toBe(0x0a0d0d0a);
    expect(bs[0]?.body.readUInt32LE(0)).toBe(0x1a2b3c4d);
    expect(bs[1]?.type).toBe(1);
    expect(bs[1]?.body.readUInt16LE(0)).toBe(1); // LINKTYPE_ETHERNET
    expect(bs.slice(2).every((b) => b.type === 6)).toBe(true);
    expect(bs.filter((b) => b.type === 1)).toHaveLength(1);
  });

  it('synthesises the handshake, then data with consistent seq/ack, then FIN; checksums hold', () => {
    const events = connection('10.1.1.1', '10.1.1.2', [
      { dir: 'out', bytes: frame(30) },
      { dir: 'in', bytes: frame(100) },
      { dir: 'out', bytes: frame(8) },
    ]);
    const ps = packets(toPcapng({ events }));
    expect(ps.map((p) => p.flags)).toEqual([0x02, 0x12, 0x10, 0x18, 0x18, 0x18, 0x11, 0x11, 0x10]);
    const [syn, synAck, , out1, in1, out2] = ps as [Parsed, Parsed, Parsed, Parsed, Parsed, Parsed];
    expect([...syn.src]).toEqual([10, 1, 1, 2]);
    expect(syn.sport).toBe(51000);
    expect(syn.dport).toBe(9092);
    expect(synAck.ack).toBe((syn.seq + 1) >>> 0);
    expect(out1.seq).toBe((syn.seq + 1) >>> 0);
    expect(out1.ack).toBe((synAck.seq + 1) >>> 0);
    expect(in1.seq).toBe(out1.ack);
    expect(in1.ack).toBe((out1.seq + 34) >>> 0);
    expect(out2.seq).toBe((out1.seq + 34) >>> 0);
    expect(out2.ack).toBe((in1.seq + 104) >>> 0);
    expect(out1.payload).toEqual(frame(30));
    // Timestamps: wall clock aligned on the monotonic clock (sub-ms precision), in order.
    expect(out1.ts).toBe(BigInt((1_700_000_000_000 + 2) * 1000));
    expect(ps.every((p, i) => i === 0 || p.ts >= ps[i - 1]!.ts)).toBe(true);
  });

  it('splits frames larger than a segment and keeps the byte stream intact', () => {
    const big = frame(40_000, 7);
    const ps = packets(
      toPcapng({ events: connection('10.1.1.1', '10.1.1.2', [{ dir: 'in', bytes: big }]) }),
    ).filter((p) => p.payload.length > 0);
    expect(ps.length).toBe(3);
    expect(Buffer.concat(ps.map((p) => p.payload))).toEqual(big);
    expect(ps[1]!.seq).toBe((ps[0]!.seq + ps[0]!.payload.length) >>> 0);
    expect(ps.map((p) => p.flags & 0x08)).toEqual([0, 0, 0x08]);
  });

  it('writes IPv6 headers for IPv6 connections', () => {
    const ps = packets(
      toPcapng({ events: connection('fd00::2', 'fd00::1', [{ dir: 'out', bytes: frame(4) }]) }),
    );
    expect(ps.every((p) => p.v6)).toBe(true);
    expect(ps[0]!.dst).toEqual(ipBytes('fd00::2'));
  });

  it('leaves out connections without frames', () => {
    const file = toPcapng({ events: connection('10.1.1.1', '10.1.1.2', []) });
    expect(blocks(file).filter((b) => b.type === 6)).toHaveLength(0);
  });
});

describe('ipBytes', () => {
  it.each([
    ['127.0.0.1', '7f000001'],
    ['::1', '00000000000000000000000000000001'],
    ['fd00::1:2', 'fd000000000000000000000000010002'],
    ['2001:db8::', '20010db8000000000000000000000000'],
    ['::ffff:10.0.0.1', '00000000000000000000ffff0a000001'],
    ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008'],
  ])('%s', (ip, hex) => {
    expect(ipBytes(ip).toString('hex')).toBe(hex);
  });
});
