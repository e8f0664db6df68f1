/**
 * Kafka wire protocol: frames, headers and typed bodies for every API and version in Apache Kafka's
 * message schemas (see docs in ./README.md).
 *
 * Body representation (decoded and accepted by encoders):
 * - field names are the schema names in camelCase (`throttleTimeMs`, `topics[].partitions[].leaderId`);
 * - int8/16/32, uint16/32, float64 -> number; int64 -> bigint; bool -> boolean; string -> string;
 * - uuid -> 22-character base64url string as Java's Uuid.toString() prints it ('AAAAAAAAAAAAAAAAAAAAAA' is zero);
 * - bytes and records -> Uint8Array (records are left as raw bytes); decoded bytes are copies, never views;
 * - nullable fields -> null; fields absent from a version decode as the schema default;
 * - `_unknownTaggedFields`: tagged fields the version does not define, [{ tag, data }] or undefined;
 *   they are re-encoded unchanged (merged in tag order with the known ones).
 * Encoders take the same objects with any field optional (missing -> schema default; fields that do not
 * exist in the version being encoded are ignored).
 */
import { API_TABLE, apiName, requestHeaderVersion, responseHeaderVersion } from './api-table';
import { ProtocolError } from './errors';
import {
  DATA_CODECS,
  REQUEST_DECODERS,
  REQUEST_ENCODERS,
  RESPONSE_DECODERS,
  RESPONSE_ENCODERS,
  RequestHeaderDecoders,
  RequestHeaderEncoders,
  ResponseHeaderDecoders,
  ResponseHeaderEncoders,
  type ApiKeyValue,
  type RequestBodies,
  type RequestHeader,
  type ResponseBodies,
  type ResponseHeader,
} from './generated/index';
import { Reader } from './primitives/reader';
import { Writer } from './primitives/writer';
import type { Input } from './types';

export { ProtocolError } from './errors';
export type { TaggedField, Input } from './types';
export {
  API_TABLE,
  ApiKey,
  apiName,
  hasCodec,
  isSupportedVersion,
  requestHeaderVersion,
  responseHeaderVersion,
  type ApiInfo,
  type ApiKeyValue,
} from './api-table';
export { ERROR_CODES, errorName, errorInfo, isRetriable, type ErrorCodeInfo } from './error-codes';
export { ZERO_UUID, uuidFromBytes, uuidToBytes, uuidToHex, isUuidString } from './primitives/uuid';
// The primitives, for formats outside the message schemas (e.g. record batches: varint/varlong).
export { Reader } from './primitives/reader';
export { Writer } from './primitives/writer';
export type * from './generated/index';

// Untyped callers (apiKey: number) get `any` bodies, as the connection core expects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface DecodedResponse<B = any> {
  correlationId: number;
  body: B;
  /**
   * The version the body was decoded with: apiVersion, except for ApiVersions, where a broker that does not
   * support the requested version answers with a v0 body (error UNSUPPORTED_VERSION, 35) and the decoder
   * falls back to v0 as Java's client does.
   */
  bodyVersion: number;
  /**
   * Bytes left after a complete body. Kafka clients ignore them (a newer broker may append data an older
   * schema does not describe), so they are tolerated; a non-zero count is worth showing in diagnostics.
   */
  trailingBytes: number;
}

export interface DecodedRequest<B = unknown> {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
  body: B;
  /** As for responses: bytes after a complete body, tolerated. */
  trailingBytes: number;
}

// One reader and one writer, reused: encoding and decoding are synchronous and never re-entered.
const reader = new Reader();
const writer = new Writer();

function messageName(apiKey: number, side: 'Request' | 'Response'): string {
  return `${apiName(apiKey)}${side}`;
}

function noCodec(
  apiKey: number,
  apiVersion: number,
  side: 'Request' | 'Response',
  path: string,
  fromData = false,
): ProtocolError {
  const info = API_TABLE.get(apiKey);
  const reason =
    info === undefined
      ? `unknown API key ${apiKey}`
      : `no codec for version ${apiVersion} (known versions ${info.minVersion}-${info.codecMaxVersion})`;
  const make = fromData
    ? ProtocolError.fromData
    : (...a: ConstructorParameters<typeof ProtocolError>) => new ProtocolError(...a);
  return make(apiName(apiKey), messageName(apiKey, side), apiVersion, path, 0, reason);
}

function asProtocolError(
  e: unknown,
  r: { api: string; messageName: string; version: number; pos: number },
): ProtocolError {
  if (e instanceof ProtocolError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return ProtocolError.fromData(r.api, r.messageName, r.version, '', r.pos, `internal error: ${msg}`);
}

function writeSizePrefix(w: Writer): Buffer {
  const size = w.pos - 4;
  const b = w.buf;
  b[0] = size >>> 24;
  b[1] = size >>> 16;
  b[2] = size >>> 8;
  b[3] = size;
  return w.finish();
}

/** Full request frame INCLUDING the 4-byte size prefix, ready to write to the socket. */
export function encodeRequestFrame<K extends ApiKeyValue>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: Input<RequestBodies[K]>,
): Buffer;
export function encodeRequestFrame(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: unknown,
): Buffer;
export function encodeRequestFrame(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: unknown,
): Buffer {
  const encode = REQUEST_ENCODERS[apiKey]?.[apiVersion];
  if (encode === undefined) throw noCodec(apiKey, apiVersion, 'Request', '');
  const hv = requestHeaderVersion(apiKey, apiVersion);
  const w = writer.reset(apiName(apiKey), 'RequestHeader', hv);
  try {
    w.ensure(4);
    w.pos = 4;
    const header: RequestHeader = {
      requestApiKey: apiKey,
      requestApiVersion: apiVersion,
      correlationId,
      clientId,
      _unknownTaggedFields: undefined,
    };
    try {
      RequestHeaderEncoders[hv]!(w, header);
    } catch (e) {
      throw w.wrap(e, 'header', -1);
    }
    w.context(apiName(apiKey), messageName(apiKey, 'Request'), apiVersion);
    encode(w, body ?? {});
    return writeSizePrefix(w);
  } catch (e) {
    w.pos = 0;
    throw e instanceof ProtocolError ? e : w.wrap(e, '', -1);
  }
}

/** Full response frame including the size prefix (for round-trip tests and test proxies). */
export function encodeResponseFrame<K extends ApiKeyValue>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  body: Input<ResponseBodies[K]>,
): Buffer;
export function encodeResponseFrame(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  body: unknown,
): Buffer;
export function encodeResponseFrame(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  body: unknown,
): Buffer {
  const encode = RESPONSE_ENCODERS[apiKey]?.[apiVersion];
  if (encode === undefined) throw noCodec(apiKey, apiVersion, 'Response', '');
  const hv = responseHeaderVersion(apiKey, apiVersion);
  const w = writer.reset(apiName(apiKey), 'ResponseHeader', hv);
  try {
    w.ensure(4);
    w.pos = 4;
    const header: ResponseHeader = { correlationId, _unknownTaggedFields: undefined };
    try {
      ResponseHeaderEncoders[hv]!(w, header);
    } catch (e) {
      throw w.wrap(e, 'header', -1);
    }
    w.context(apiName(apiKey), messageName(apiKey, 'Response'), apiVersion);
    encode(w, body ?? {});
    return writeSizePrefix(w);
  } catch (e) {
    w.pos = 0;
    throw e instanceof ProtocolError ? e : w.wrap(e, '', -1);
  }
}

/** Peeks the correlation id (first 4 bytes) of a response payload; throws ProtocolError if short. */
export function peekCorrelationId(payload: Uint8Array): number {
  if (payload.length < 4) {
    throw ProtocolError.fromData(
      'ResponseHeader',
      'ResponseHeader',
      0,
      'correlationId',
      0,
      `needs 4 bytes, ${payload.length} remain`,
    );
  }
  return (payload[0]! << 24) | (payload[1]! << 16) | (payload[2]! << 8) | payload[3]! | 0;
}

/**
 * Decodes a response payload (the frame WITHOUT its size prefix): the response header for
 * (apiKey, apiVersion), then the body. Throws only ProtocolError.
 */
export function decodeResponse<K extends ApiKeyValue>(
  apiKey: K,
  apiVersion: number,
  payload: Uint8Array,
): DecodedResponse<ResponseBodies[K]>;
export function decodeResponse(apiKey: number, apiVersion: number, payload: Uint8Array): DecodedResponse;
export function decodeResponse(apiKey: number, apiVersion: number, payload: Uint8Array): DecodedResponse {
  const decode = RESPONSE_DECODERS[apiKey]?.[apiVersion];
  if (decode === undefined) throw noCodec(apiKey, apiVersion, 'Response', '', true);
  const hv = responseHeaderVersion(apiKey, apiVersion);
  const r = reader.reset(payload, apiName(apiKey), 'ResponseHeader', hv);
  try {
    let header: ResponseHeader;
    try {
      header = ResponseHeaderDecoders[hv]!(r);
    } catch (e) {
      throw r.wrap(e, 'header', -1);
    }
    r.context(apiName(apiKey), messageName(apiKey, 'Response'), apiVersion);
    const bodyStart = r.pos;
    try {
      const body = decode(r);
      return {
        correlationId: header.correlationId,
        body,
        bodyVersion: apiVersion,
        trailingBytes: r.end - r.pos,
      };
    } catch (e) {
      if (apiKey !== API_VERSIONS || apiVersion === 0) throw e;
      // ApiVersions: a broker that does not support apiVersion replies with a v0 body.
      r.pos = bodyStart;
      r.context(apiName(apiKey), messageName(apiKey, 'Response'), 0);
      let body: unknown;
      try {
        body = RESPONSE_DECODERS[API_VERSIONS]![0]!(r);
      } catch {
        throw e;
      }
      return { correlationId: header.correlationId, body, bodyVersion: 0, trailingBytes: r.end - r.pos };
    }
  } catch (e) {
    throw asProtocolError(e, r);
  } finally {
    r.release();
  }
}

const API_VERSIONS = 18;

/**
 * Decodes a request payload (without size prefix): the header (version per requestHeaderVersion) and the
 * body. Used by the inspector and tests. Throws only ProtocolError.
 */
export function decodeRequest(payload: Uint8Array): DecodedRequest {
  if (payload.length < 4) {
    const path = payload.length < 2 ? 'header.requestApiKey' : 'header.requestApiVersion';
    throw ProtocolError.fromData(
      'RequestHeader',
      'RequestHeader',
      0,
      path,
      payload.length,
      `needs 4 bytes, ${payload.length} remain`,
    );
  }
  const apiKey = ((payload[0]! << 24) | (payload[1]! << 16)) >> 16;
  const apiVersion = ((payload[2]! << 24) | (payload[3]! << 16)) >> 16;
  const decode = REQUEST_DECODERS[apiKey]?.[apiVersion];
  if (decode === undefined) {
    throw noCodec(
      apiKey,
      apiVersion,
      'Request',
      API_TABLE.has(apiKey) ? 'header.requestApiVersion' : 'header.requestApiKey',
      true,
    );
  }
  const hv = requestHeaderVersion(apiKey, apiVersion);
  const r = reader.reset(payload, apiName(apiKey), 'RequestHeader', hv);
  try {
    let header: RequestHeader;
    try {
      header = RequestHeaderDecoders[hv]!(r);
    } catch (e) {
      throw r.wrap(e, 'header', -1);
    }
    r.context(apiName(apiKey), messageName(apiKey, 'Request'), apiVersion);
    const body = decode(r);
    return {
      apiKey,
      apiVersion,
      correlationId: header.correlationId,
      // Header v0 (ControlledShutdown v0) has no client id.
      clientId: hv === 0 ? null : header.clientId,
      body,
      trailingBytes: r.end - r.pos,
    };
  } catch (e) {
    throw asProtocolError(e, r);
  } finally {
    r.release();
  }
}

/** Encodes a request body alone (no header, no size prefix). */
export function encodeRequestBody(apiKey: number, apiVersion: number, body: unknown): Buffer {
  const encode = REQUEST_ENCODERS[apiKey]?.[apiVersion];
  if (encode === undefined) throw noCodec(apiKey, apiVersion, 'Request', '');
  return encodeWith(encode, apiName(apiKey), messageName(apiKey, 'Request'), apiVersion, body);
}

/** Encodes a response body alone (no header, no size prefix). */
export function encodeResponseBody(apiKey: number, apiVersion: number, body: unknown): Buffer {
  const encode = RESPONSE_ENCODERS[apiKey]?.[apiVersion];
  if (encode === undefined) throw noCodec(apiKey, apiVersion, 'Response', '');
  return encodeWith(encode, apiName(apiKey), messageName(apiKey, 'Response'), apiVersion, body);
}

/** Decodes a request body alone; trailing bytes are tolerated and reported. */
export function decodeRequestBody(
  apiKey: number,
  apiVersion: number,
  bytes: Uint8Array,
): { body: unknown; trailingBytes: number } {
  const decode = REQUEST_DECODERS[apiKey]?.[apiVersion];
  if (decode === undefined) throw noCodec(apiKey, apiVersion, 'Request', '');
  return decodeWith(decode, apiName(apiKey), messageName(apiKey, 'Request'), apiVersion, bytes);
}

/** Decodes a response body alone; trailing bytes are tolerated and reported. */
export function decodeResponseBody(
  apiKey: number,
  apiVersion: number,
  bytes: Uint8Array,
): { body: unknown; trailingBytes: number } {
  const decode = RESPONSE_DECODERS[apiKey]?.[apiVersion];
  if (decode === undefined) throw noCodec(apiKey, apiVersion, 'Response', '');
  return decodeWith(decode, apiName(apiKey), messageName(apiKey, 'Response'), apiVersion, bytes);
}

/**
 * Codecs of the schemas that are not API messages, e.g. 'ConsumerProtocolSubscription' and
 * 'ConsumerProtocolAssignment' (the bytes inside JoinGroup/SyncGroup for the consumer protocol).
 */
export function decodeData(
  name: string,
  version: number,
  bytes: Uint8Array,
): { body: unknown; trailingBytes: number } {
  const decode = DATA_CODECS[name]?.decoders[version];
  if (decode === undefined)
    throw new ProtocolError(name, name, version, '', 0, 'no codec for this data schema version');
  return decodeWith(decode, name, name, version, bytes);
}

export function encodeData(name: string, version: number, body: unknown): Buffer {
  const encode = DATA_CODECS[name]?.encoders[version];
  if (encode === undefined)
    throw new ProtocolError(name, name, version, '', 0, 'no codec for this data schema version');
  return encodeWith(encode, name, name, version, body);
}

function encodeWith(
  encode: (w: Writer, body: unknown) => void,
  api: string,
  msg: string,
  version: number,
  body: unknown,
): Buffer {
  const w = writer.reset(api, msg, version);
  try {
    encode(w, body ?? {});
    return w.finish();
  } catch (e) {
    w.pos = 0;
    throw e instanceof ProtocolError ? e : w.wrap(e, '', -1);
  }
}

function decodeWith(
  decode: (r: Reader) => unknown,
  api: string,
  msg: string,
  version: number,
  bytes: Uint8Array,
): { body: unknown; trailingBytes: number } {
  const r = reader.reset(bytes, api, msg, version);
  try {
    const body = decode(r);
    return { body, trailingBytes: r.end - r.pos };
  } catch (e) {
    throw asProtocolError(e, r);
  } finally {
    r.release();
  }
}
