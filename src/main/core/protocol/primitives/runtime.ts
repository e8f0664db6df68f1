/** Helpers the generated codecs import (kept in one place so generated files have one import line). */
export { Reader } from './reader';
export { Writer, INT64_MIN, INT64_MAX } from './writer';
export { COMPACT, NULLABLE, NULL_DEFAULT } from './flags';
export { uuidAt, writeUuidAt } from './uuid';
export type { TaggedField } from '../types';

import { INT64_MAX, INT64_MIN } from './writer';

/** Shared empty value for missing non-nullable bytes fields (only ever written, never handed out). */
export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

export function isInt64(x: unknown): x is bigint {
  return typeof x === 'bigint' && x >= INT64_MIN && x <= INT64_MAX;
}

/** Decodes the body of one message version. */
export type Decoder<T = unknown> = (r: import('./reader').Reader) => T;
/** Encodes the body of one message version. */
export type Encoder = (w: import('./writer').Writer, body: unknown) => void;
