/**
 * Reference floor, not a contender: a bare net.Socket that writes pre-encoded request frames
 * (the same versions and bodies as brokerscope sends, one frame per request, like every client
 * here) and only splits the replies into frames; no correlation check, no decoding, no timers.
 * Its req/s is about what this broker gives one connection; its CPU per round trip is about
 * what Node's socket and event loop cost alone.
 *
 * Experiment knob (off by default, not used by `npm run bench:core`): BENCH_RAW_LOW_WATER=K holds
 * new requests back while K or more are already on the wire, then writes all held ones at once
 * (one writev). It measures what write coalescing would save a client at in-flight 16 and 256.
 */
import { connect, type Socket } from 'node:net';
import { encodeRequestFrame } from '../../../src/main/core/protocol/index';
import type { BenchClient, Issue } from '../loop';
import { API_KEY, type Api } from '../types';

const VERSIONS: Record<Api, number> = { metadata: 12, apiversions: 4 };
const BODY: Record<Api, unknown> = {
  metadata: { topics: [], allowAutoTopicCreation: false },
  apiversions: { clientSoftwareName: 'brokerscope-bench', clientSoftwareVersion: '0.1.0' },
};

export async function createRaw(host: string, port: number): Promise<BenchClient> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host, port, noDelay: true });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
  const frames: Record<Api, Buffer> = {
    metadata: encodeRequestFrame(API_KEY.metadata, VERSIONS.metadata, 1, 'bench-raw', BODY.metadata),
    apiversions: encodeRequestFrame(
      API_KEY.apiversions,
      VERSIONS.apiversions,
      1,
      'bench-raw',
      BODY.apiversions,
    ),
  };

  // FIFO of callbacks as a growable ring.
  let ring: (((err: Error | null) => void) | undefined)[] = new Array(1024);
  let head = 0;
  let size = 0;
  const push = (cb: (err: Error | null) => void): void => {
    if (size === ring.length) {
      const next = new Array(ring.length * 2);
      for (let i = 0; i < size; i++) next[i] = ring[(head + i) % ring.length];
      ring = next;
      head = 0;
    }
    ring[(head + size) % ring.length] = cb;
    size++;
  };
  const shift = (): ((err: Error | null) => void) | undefined => {
    const cb = ring[head];
    ring[head] = undefined;
    head = (head + 1) % ring.length;
    size--;
    return cb;
  };

  const lowWater = Number(process.env.BENCH_RAW_LOW_WATER ?? 0);
  let onWire = 0;
  let held: Buffer[] = [];
  const write = (frame: Buffer): void => {
    if (lowWater > 0 && onWire >= lowWater) {
      held.push(frame);
      return;
    }
    if (held.length > 0) {
      socket.cork();
      for (const f of held) socket.write(f);
      socket.write(frame);
      socket.uncork();
      onWire += held.length + 1;
      held = [];
      return;
    }
    socket.write(frame);
    onWire++;
  };

  let pending: Buffer | null = null;
  socket.on('data', (chunk: Buffer) => {
    const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
    let off = 0;
    while (buf.length - off >= 4) {
      const n = buf.readInt32BE(off);
      if (buf.length - off - 4 < n) break;
      off += 4 + n;
      onWire--;
      shift()?.(null);
    }
    pending = off === buf.length ? null : buf.subarray(off);
    if (held.length > 0 && onWire < lowWater) {
      const frames = held;
      held = [];
      socket.cork();
      for (const f of frames) socket.write(f);
      socket.uncork();
      onWire += frames.length;
    }
  });
  const fail = (err: Error): void => {
    while (size > 0) shift()?.(err);
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('raw socket closed')));

  return {
    name: 'raw',
    version: `Node ${process.versions.node} net${lowWater > 0 ? ` (low-water ${lowWater})` : ''}`,
    apiVersions: VERSIONS,
    probe: {},
    issuer(api: Api): Issue {
      const frame = frames[api];
      return (done) => {
        push(done);
        write(frame);
      };
    },
    close: async () => {
      socket.destroy();
    },
  };
}
