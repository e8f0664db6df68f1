/**
 * Compact encoding of flat events: each event becomes a shape id (its type, keys in order and
 * the kind of each value) and one float64 per value, strings interned. Events with nested
 * values, long strings, or more distinct strings than the table holds are not encoded: the
 * caller keeps those as objects.
 *
 * Why: a live window of 150 000 parsed event objects survives every minor GC and is copied
 * into the old generation, then swept out again as the window slides; at 20 000 events/s that
 * made 15–35 ms GC pauses. Values in typed arrays are not traced by the GC at all.
 */

/** The kinds of value a shape slot holds. */
const NUM = 0;
const STR = 1;
const BOOL = 2;
const NULL = 3;

interface Shape {
  keys: string[];
  kinds: Uint8Array;
}

/** Strings longer than this are not interned (messages, captured bytes): their events stay objects. */
export const MAX_STRING_LENGTH = 256;

export class EventCodec {
  private readonly shapes: Shape[] = [];
  private readonly shapesByType = new Map<unknown, number[]>();
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();

  /**
   * Interned strings stay for the life of the session's window, so the table is bounded: at
   * most 16 384 strings of at most 256 characters (~8 MiB at worst, when most are free text
   * such as error messages; the usual ones are a few dozen names and addresses). Past that,
   * events with a new string are kept whole.
   */
  constructor(
    private readonly maxShapes = 4096,
    private readonly maxStrings = 16_384,
  ) {}

  /** Width (values) of a shape. */
  width(shape: number): number {
    return this.shapes[shape]!.keys.length;
  }

  /**
   * The shape `event` has (made if new), or -1 when it cannot be encoded. A shape id means
   * `write` can store it.
   */
  shapeOf(event: object): number {
    const type = (event as { type?: unknown }).type;
    const known = this.shapesByType.get(type);
    if (known) for (const id of known) if (this.matches(this.shapes[id]!, event)) return id;
    return this.addShape(type, event);
  }

  /** Writes `event` (of shape `shape`) into `out` from `at`; false when a string did not fit the table. */
  write(shape: number, event: object, out: Float64Array, at: number): boolean {
    const s = this.shapes[shape]!;
    const o = event as Record<string, unknown>;
    for (let i = 0; i < s.keys.length; i++) {
      const v = o[s.keys[i]!];
      switch (s.kinds[i]) {
        case NUM:
          out[at + i] = v as number;
          break;
        case STR: {
          const id = this.intern(v as string);
          if (id < 0) return false;
          out[at + i] = id;
          break;
        }
        case BOOL:
          out[at + i] = v ? 1 : 0;
          break;
        default:
          out[at + i] = 0;
      }
    }
    return true;
  }

  /** The event stored at `at` with shape `shape`: a new object, keys in their original order. */
  read(shape: number, values: Float64Array, at: number): Record<string, unknown> {
    const s = this.shapes[shape]!;
    const o: Record<string, unknown> = {};
    for (let i = 0; i < s.keys.length; i++) {
      const v = values[at + i]!;
      const kind = s.kinds[i];
      o[s.keys[i]!] = kind === NUM ? v : kind === STR ? this.strings[v] : kind === BOOL ? v !== 0 : null;
    }
    return o;
  }

  /** Bytes the shape and string tables take (roughly). */
  bytes(): number {
    let n = 0;
    for (const s of this.strings) n += 16 + s.length * 2;
    return n + this.shapes.length * 64;
  }

  private matches(s: Shape, event: object): boolean {
    let i = 0;
    const o = event as Record<string, unknown>;
    for (const k in o) {
      if (i >= s.keys.length || k !== s.keys[i] || kindOf(o[k]) !== s.kinds[i]) return false;
      i++;
    }
    return i === s.keys.length;
  }

  private addShape(type: unknown, event: object): number {
    if (this.shapes.length >= this.maxShapes) return -1;
    const keys: string[] = [];
    const kinds: number[] = [];
    const o = event as Record<string, unknown>;
    for (const k in o) {
      const kind = kindOf(o[k]);
      // An own "__proto__" (JSON.parse makes one) could not be set back by assignment.
      if (kind < 0 || k === '__proto__') return -1;
      keys.push(k);
      kinds.push(kind);
    }
    const id = this.shapes.length;
    this.shapes.push({ keys, kinds: Uint8Array.from(kinds) });
    const list = this.shapesByType.get(type);
    if (list) list.push(id);
    else this.shapesByType.set(type, [id]);
    return id;
  }

  private intern(s: string): number {
    let id = this.stringIds.get(s);
    if (id !== undefined) return id;
    if (this.strings.length >= this.maxStrings) return -1;
    id = this.strings.length;
    this.strings.push(s);
    this.stringIds.set(s, id);
    return id;
  }
}

/** The slot kind of a value, or -1 for one that is not stored compactly. */
function kindOf(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return NUM;
    case 'string':
      return v.length <= MAX_STRING_LENGTH ? STR : -1;
    case 'boolean':
      return BOOL;
    case 'object':
      return v === null ? NULL : -1;
    default:
      return -1;
  }
}
