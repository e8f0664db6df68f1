/**
 * Fuzzing: 100,000 random and mutated frames into the decoders. The only acceptable outcomes are a
 * decoded message or a ProtocolError whose offset lies within the payload.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_MODELS } from './generated/schema-model';
import {
  ProtocolError,
  decodeRequest,
  decodeResponse,
  encodeRequestFrame,
  encodeResponseFrame,
} from './index';
import { bodyArb } from './testing/arbitraries';

const FRAMES = 100_000;

/** xorshift32: deterministic, so a failure is reproducible from the printed iteration. */
function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

interface Sample {
  request: boolean;
  key: number;
  version: number;
  payload: Uint8Array;
}

function corpus(): Sample[] {
  const out: Sample[] = [];
  let seed = 1;
  for (const m of MESSAGE_MODELS) {
    if (m.kind !== 'request' && m.kind !== 'response') continue;
    for (let v = m.validVersions[0]; v <= m.validVersions[1]; v++) {
      for (const body of fc.sample(bodyArb(m, v, { maxArray: 3, maxString: 8 }), {
        numRuns: 2,
        seed: seed++,
      })) {
        const frame =
          m.kind === 'request'
            ? encodeRequestFrame(m.apiKey!, v, seed, 'fuzz', body)
            : encodeResponseFrame(m.apiKey!, v, seed, body);
        out.push({ request: m.kind === 'request', key: m.apiKey!, version: v, payload: frame.subarray(4) });
      }
    }
  }
  return out;
}

const NASTY_INT32 = [
  0x7fffffff, 0xffffffff, 0x80000000, 0x0000ffff, 0x00007fff, 0xfffffffe, 0x00010000, 0x01000000,
];
const NASTY_VARINTS = [
  [0xff, 0xff, 0xff, 0xff, 0x0f],
  [0xff, 0xff, 0xff, 0xff, 0x7f],
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
  [0xfe, 0xff, 0xff, 0xff, 0x07],
  [0x81, 0x80, 0x80, 0x80, 0x08],
  [0x00],
  [0xff, 0x7f],
];

function mutate(src: Uint8Array, rand: () => number): Uint8Array {
  const int = (n: number): number => Math.floor(rand() * n);
  let b = Uint8Array.from(src);
  const rounds = rand() < 0.2 ? 2 + int(3) : 1;
  for (let r = 0; r < rounds; r++) {
    switch (int(9)) {
      case 0: {
        // flip bytes
        const n = 1 + int(3);
        for (let i = 0; i < n && b.length > 0; i++) b[int(b.length)]! ^= 1 + int(255);
        break;
      }
      case 1: // truncate
        b = b.subarray(0, int(b.length + 1));
        break;
      case 2: {
        // extend
        const extra = new Uint8Array(1 + int(16)).map(() => int(256));
        const n = new Uint8Array(b.length + extra.length);
        n.set(b);
        n.set(extra, b.length);
        b = n;
        break;
      }
      case 3: {
        // a hostile int32 (array/bytes length)
        if (b.length < 4) break;
        const at = int(b.length - 3);
        const v = NASTY_INT32[int(NASTY_INT32.length)]!;
        b[at] = v >>> 24;
        b[at + 1] = v >>> 16;
        b[at + 2] = v >>> 8;
        b[at + 3] = v;
        break;
      }
      case 4: {
        // a hostile varint (compact length, tag count, tag, size)
        const v = NASTY_VARINTS[int(NASTY_VARINTS.length)]!;
        const at = int(b.length + 1);
        const n = new Uint8Array(b.length + v.length);
        n.set(b.subarray(0, at));
        n.set(v, at);
        n.set(b.subarray(at), at + v.length);
        b = n;
        break;
      }
      case 5: // random garbage
        b = new Uint8Array(int(64)).map(() => int(256));
        break;
      case 6: {
        // insert a byte
        const at = int(b.length + 1);
        const n = new Uint8Array(b.length + 1);
        n.set(b.subarray(0, at));
        n[at] = int(256);
        n.set(b.subarray(at), at + 1);
        b = n;
        break;
      }
      case 7: {
        // delete a byte
        if (b.length === 0) break;
        const at = int(b.length);
        const n = new Uint8Array(b.length - 1);
        n.set(b.subarray(0, at));
        n.set(b.subarray(at + 1), at);
        b = n;
        break;
      }
      default: {
        // set a byte to an edge value
        if (b.length > 0) b[int(b.length)] = [0x00, 0x01, 0x7f, 0x80, 0xff][int(5)]!;
      }
    }
  }
  return b;
}

describe('fuzzing the decoders', () => {
  it(`${FRAMES.toLocaleString('en')} random and mutated frames: no crash, no hang, only ProtocolError`, () => {
    const samples = corpus();
    expect(samples.length).toBeGreaterThan(1000);
    const rand = rng(0x5eed);
    let decoded = 0;
    let rejected = 0;
    for (let i = 0; i < FRAMES; i++) {
      const s = samples[Math.floor(rand() * samples.length)]!;
      const payload = mutate(s.payload, rand);
      // Sometimes decode as another API/version than the one encoded.
      const other = rand() < 0.1 ? samples[Math.floor(rand() * samples.length)]! : s;
      try {
        if (other.request) decodeRequest(payload);
        else decodeResponse(other.key, other.version, payload);
        decoded++;
      } catch (e) {
        if (!(e instanceof ProtocolError)) {
          throw new Error(
            `iteration ${i}: ${other.request ? 'request' : `response ${other.key} v${other.version}`} threw ${String(e)} ` +
              `for payload ${Buffer.from(payload).toString('hex')}`,
          );
        }
        if (e.offset < 0 || e.offset > payload.length || typeof e.path !== 'string') {
          throw new Error(
            `iteration ${i}: ProtocolError with offset ${e.offset} outside a ${payload.length}-byte payload`,
          );
        }
        rejected++;
      }
    }
    expect(decoded + rejected).toBe(FRAMES);
    // Both outcomes must be well represented, or the mutations are not exercising the decoders.
    expect(decoded).toBeGreaterThan(FRAMES / 20);
    expect(rejected).toBeGreaterThan(FRAMES / 4);
  }, 60_000);

  it('huge length prefixes fail fast without allocating', () => {
    // MetadataResponse v12 (header v1): topics count 2^32-2 as a compact varint.
    const payload = Buffer.from('00000001' + '00' + '00000000' + '01' + '00' + 'ffffffff0f', 'hex');
    const t = performance.now();
    expect(() => decodeResponse(3, 12, payload)).toThrow(/needs at least/);
    // Classic int32 counts too: MetadataResponse v0 with 2^31-1 brokers.
    expect(() => decodeResponse(3, 0, Buffer.from('00000001' + '7fffffff', 'hex'))).toThrow(/needs at least/);
    expect(performance.now() - t).toBeLessThan(50);
  });
});
