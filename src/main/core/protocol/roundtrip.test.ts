/**
 * Round-trip properties for every API x version, requests and responses, with bodies generated from the
 * schema model: encode -> decode gives back the body, and encode(decode(bytes)) gives back the bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_MODELS } from './generated/schema-model';
import {
  API_TABLE,
  decodeData,
  decodeRequest,
  decodeRequestBody,
  decodeResponse,
  decodeResponseBody,
  encodeData,
  encodeRequestBody,
  encodeRequestFrame,
  encodeResponseBody,
  encodeResponseFrame,
  requestHeaderVersion,
} from './index';
import type { MessageModel } from './schema-model';
import { bodyArb, stringArb } from './testing/arbitraries';
import { deepEqual } from './testing/deep-equal';

/** Bodies per message version (body codec), and frames per message version (header + body). */
const RUNS = 25;
const FRAME_RUNS = 4;

function versionsOf(m: MessageModel): number[] {
  const out: number[] = [];
  for (let v = m.validVersions[0]; v <= m.validVersions[1]; v++) out.push(v);
  return out;
}

/** Equality assertion that is cheap when it holds and shows vitest's diff when it does not. */
function same(actual: unknown, expected: unknown): void {
  if (!deepEqual(actual, expected)) expect(actual).toEqual(expected);
}

/** Runs a property, naming the message and version in the failure. */
function check<Ts>(label: string, prop: fc.IProperty<Ts>, numRuns: number): void {
  try {
    fc.assert(prop, { numRuns });
  } catch (e) {
    throw new Error(`${label}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

const byKey = new Map<number, { request?: MessageModel; response?: MessageModel }>();
for (const m of MESSAGE_MODELS) {
  if (m.kind !== 'request' && m.kind !== 'response') continue;
  const e = byKey.get(m.apiKey!) ?? {};
  e[m.kind] = m;
  byKey.set(m.apiKey!, e);
}

describe('round trips', () => {
  it('every API key of the table has a request and a response schema', () => {
    expect([...byKey.keys()].sort((a, b) => a - b)).toEqual([...API_TABLE.keys()].sort((a, b) => a - b));
    for (const e of byKey.values()) {
      expect(e.request).toBeDefined();
      expect(e.response).toBeDefined();
    }
  });

  for (const [key, { request, response }] of [...byKey.entries()].sort((a, b) => a[0] - b[0])) {
    const name = API_TABLE.get(key)!.name;
    it(`${name} (${key}): requests and responses at every version`, () => {
      for (const msg of [request!, response!]) {
        const isRequest = msg.kind === 'request';
        const encodeBody = isRequest ? encodeRequestBody : encodeResponseBody;
        const decodeBody = isRequest ? decodeRequestBody : decodeResponseBody;
        for (const v of versionsOf(msg)) {
          check(
            `${msg.name} v${v}`,
            fc.property(bodyArb(msg, v), (body) => {
              const bytes = encodeBody(key, v, body);
              const decoded = decodeBody(key, v, bytes);
              if (decoded.trailingBytes !== 0) expect(decoded.trailingBytes).toBe(0);
              same(decoded.body, body);
              same(encodeBody(key, v, decoded.body), bytes);
            }),
            RUNS,
          );
          check(
            `${msg.name} v${v} frame`,
            fc.property(
              bodyArb(msg, v),
              fc.integer(),
              fc.option(stringArb(10), { nil: null }),
              (body, cid, clientId) => {
                if (isRequest) {
                  const frame = encodeRequestFrame(key, v, cid, clientId, body);
                  if (frame.readInt32BE(0) !== frame.length - 4)
                    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
                  // Header v0 (ControlledShutdown v0) carries no client id.
                  const expectedClientId = requestHeaderVersion(key, v) === 0 ? null : clientId;
                  same(decodeRequest(frame.subarray(4)), {
                    apiKey: key,
                    apiVersion: v,
                    correlationId: cid,
                    clientId: expectedClientId,
                    body,
                    trailingBytes: 0,
                  });
                } else {
                  const frame = encodeResponseFrame(key, v, cid, body);
                  if (frame.readInt32BE(0) !== frame.length - 4)
                    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
                  same(decodeResponse(key, v, frame.subarray(4)), {
                    correlationId: cid,
                    body,
                    bodyVersion: v,
                    trailingBytes: 0,
                  });
                }
              },
            ),
            FRAME_RUNS,
          );
        }
      }
    });
  }

  it('data schemas (consumer protocol, KRaft records) at every version', () => {
    for (const msg of MESSAGE_MODELS.filter((m) => m.kind === 'data')) {
      for (const v of versionsOf(msg)) {
        check(
          `${msg.name} v${v}`,
          fc.property(bodyArb(msg, v), (body) => {
            const bytes = encodeData(msg.name, v, body);
            const decoded = decodeData(msg.name, v, bytes);
            same(decoded, { body, trailingBytes: 0 });
            same(encodeData(msg.name, v, decoded.body), bytes);
          }),
          RUNS,
        );
      }
    }
  });
});
