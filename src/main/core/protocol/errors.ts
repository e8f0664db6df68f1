/**
 * The only error the protocol layer throws, for bytes it cannot decode and for bodies it cannot encode.
 *
 * - `api`: the API name ('Metadata', 'ApiVersions', …), or the header/data message name.
 * - `message` also names the message (`MetadataResponse v12`).
 * - `path`: where in the message, e.g. `topics[3].partitions[0].replicaNodes` (`header.correlationId` for
 *   the header; '' when the problem is the frame as a whole).
 * - `offset`: byte offset into the payload being decoded (the frame without its 4-byte size prefix), or
 *   the position in the output being written when encoding.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly api: string;
  readonly version: number;
  readonly path: string;
  readonly offset: number;
  /** The message the error is about: `MetadataResponse`, `ProduceRequest`, `RequestHeader`, … */
  readonly messageName: string;
  /** The problem without the location, e.g. 'array length 900 needs at least 900 bytes, 12 remain'. */
  readonly reason: string;

  constructor(
    api: string,
    messageName: string,
    version: number,
    path: string,
    offset: number,
    reason: string,
  ) {
    super(formatMessage(messageName, version, path, offset, reason));
    this.api = api;
    this.messageName = messageName;
    this.version = version;
    this.path = path;
    this.offset = offset;
    this.reason = reason;
  }

  /**
   * A decoding error without a JavaScript stack trace: bad input is expected (fuzzing, hostile or broken
   * peers), the location that matters is `path`/`offset` in the data, and capturing a stack costs far more
   * than decoding a frame.
   */
  static fromData(
    api: string,
    messageName: string,
    version: number,
    path: string,
    offset: number,
    reason: string,
  ): ProtocolError {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return new ProtocolError(api, messageName, version, path, offset, reason);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  /** @internal Prepends a path segment while the error unwinds through enclosing structs and arrays. */
  prefixPath(segment: string): this {
    const path =
      this.path === ''
        ? segment
        : this.path.startsWith('[')
          ? segment + this.path
          : `${segment}.${this.path}`;
    (this as { path: string }).path = path;
    this.message = formatMessage(this.messageName, this.version, path, this.offset, this.reason);
    return this;
  }
}

function formatMessage(
  messageName: string,
  version: number,
  path: string,
  offset: number,
  reason: string,
): string {
  const where = path === '' ? '' : ` at ${path}`;
  return `${messageName} v${version}: ${reason}${where} (byte ${offset})`;
}
