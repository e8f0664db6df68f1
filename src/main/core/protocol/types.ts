/** A tagged field the decoder does not know (for this message and version), kept as raw bytes. */
export interface TaggedField {
  /** Tag number (unsigned 32-bit). */
  tag: number;
  /** The field's value bytes exactly as on the wire (without tag and size). */
  data: Uint8Array;
}

/**
 * What encoders accept: the decoded type with every field optional, recursively. A missing field takes
 * the schema default; fields that do not exist in the version being encoded are ignored.
 */
export type Input<T> = T extends bigint | string | number | boolean | Uint8Array | null | undefined
  ? T
  : T extends readonly (infer E)[]
    ? readonly Input<E>[]
    : { [K in keyof T]?: Input<T[K]> };
