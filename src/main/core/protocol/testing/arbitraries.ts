/**
 * fast-check arbitraries for message bodies, built from the schema model at test time. A generated body
 * holds every field: fields absent from the version hold their default (what the decoder produces), so
 * encode -> decode must give back an equal object.
 */
import fc from 'fast-check';
import {
  elementType,
  fieldDefault,
  fieldPresence,
  inRange,
  isArrayType,
  isPrimitive,
  messageIsFlexible,
  type FieldModel,
  type MessageModel,
  type StructModel,
} from '../schema-model';
import { uuidFromBytes } from '../primitives/uuid';
import type { TaggedField } from '../types';

export interface ArbitraryOptions {
  /** Longest generated array (default 3). */
  maxArray?: number;
  /** Longest generated string in UTF-16 units (default 12). */
  maxString?: number;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function structOf(msg: MessageModel, name: string): StructModel {
  if (name === msg.root.name) return msg.root;
  const s = msg.structs[name];
  if (!s) throw new Error(`${msg.name}: no struct ${name}`);
  return s;
}

/** The value a decoder produces for a field the version does not have. */
export function defaultValue(msg: MessageModel, f: FieldModel): unknown {
  const d = fieldDefault(f);
  switch (d.kind) {
    case 'null':
      return null;
    case 'scalar':
      return d.value;
    case 'bytes':
      return new Uint8Array(0);
    case 'array':
      return [];
    case 'struct':
      return defaultStruct(msg, structOf(msg, d.struct));
  }
}

export function defaultStruct(msg: MessageModel, s: StructModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of s.fields) out[f.name] = defaultValue(msg, f);
  out._unknownTaggedFields = undefined;
  return out;
}

/** Known tags of a struct at a version. */
function knownTags(s: StructModel, v: number): Set<number> {
  const tags = new Set<number>();
  for (const f of s.fields) if (inRange(f.taggedVersions, v) && f.tag !== null) tags.add(f.tag);
  return tags;
}

const unknownCache = new Map<string, fc.Arbitrary<TaggedField[] | undefined>>();

function unknownArb(known: Set<number>): fc.Arbitrary<TaggedField[] | undefined> {
  const key = [...known].sort((a, b) => a - b).join(',');
  let arb = unknownCache.get(key);
  if (arb === undefined) {
    arb = unknownTaggedFieldsArb(known);
    unknownCache.set(key, arb);
  }
  return arb;
}

export function unknownTaggedFieldsArb(known: Set<number>): fc.Arbitrary<TaggedField[] | undefined> {
  const tag = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffffff }) },
  );
  return fc
    .uniqueArray(
      fc.record({ tag: tag.filter((t) => !known.has(t)), data: fc.uint8Array({ maxLength: 6 }) }),
      { selector: (x) => x.tag, maxLength: 3 },
    )
    .map((a) => (a.length === 0 ? undefined : [...a].sort((x, y) => x.tag - y.tag)));
}

const bodyCache = new Map<string, fc.Arbitrary<Record<string, unknown>>>();

/** Arbitrary body of `msg` at version `v` (cached per message, version and options). */
export function bodyArb(
  msg: MessageModel,
  v: number,
  opts: ArbitraryOptions = {},
): fc.Arbitrary<Record<string, unknown>> {
  const o = { maxArray: opts.maxArray ?? 3, maxString: opts.maxString ?? 12 };
  const key = `${msg.name}@${v}/${o.maxArray}/${o.maxString}`;
  let arb = bodyCache.get(key);
  if (arb === undefined) {
    arb = structArb(msg, msg.root, v, o);
    bodyCache.set(key, arb);
  }
  return arb;
}

function structArb(
  msg: MessageModel,
  s: StructModel,
  v: number,
  opts: Required<ArbitraryOptions>,
): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of s.fields) {
    if (fieldPresence(f, v) === 'absent') {
      // A fresh default per sample (arrays and structs are mutable).
      model[f.name] = fc.constant(null).map(() => defaultValue(msg, f));
    } else {
      model[f.name] = fieldArb(msg, f, v, opts);
    }
  }
  model._unknownTaggedFields = messageIsFlexible(msg, v)
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: unknownArb(knownTags(s, v)) },
      )
    : fc.constant(undefined);
  return fc.record(model) as fc.Arbitrary<Record<string, unknown>>;
}

function fieldArb(
  msg: MessageModel,
  f: FieldModel,
  v: number,
  opts: Required<ArbitraryOptions>,
): fc.Arbitrary<unknown> {
  let arb: fc.Arbitrary<unknown>;
  const elem = elementType(f.type);
  const elemArb = isPrimitive(elem) ? primitiveArb(elem, opts) : structArb(msg, structOf(msg, elem), v, opts);
  if (isArrayType(f.type)) arb = fc.array(elemArb, { maxLength: opts.maxArray });
  else arb = elemArb;
  if (inRange(f.nullableVersions, v)) arb = fc.option(arb, { nil: null, freq: 4 });
  return arb;
}

// Hand-made character arbitraries: fast-check's 'binary'/'grapheme' units build a reverse map of every
// code point on construction, which costs more than a second.
const asciiChar = fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c));
const twoByteChar = fc.integer({ min: 0x80, max: 0x7ff }).map((c) => String.fromCharCode(c));
const threeByteChar = fc
  .integer({ min: 0x800, max: 0xffff - 0x800 })
  .map((c) => String.fromCharCode(c < 0xd800 ? c : c + 0x800)); // skips the surrogate range
const fourByteChar = fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
const anyChar = fc.oneof(
  { weight: 6, arbitrary: asciiChar },
  { weight: 1, arbitrary: twoByteChar },
  { weight: 1, arbitrary: threeByteChar },
  { weight: 1, arbitrary: fourByteChar },
);
const stringCache = new Map<number, fc.Arbitrary<string>>();

/** Strings of mostly ASCII with some 2-, 3- and 4-byte UTF-8 characters (no lone surrogates). */
export function stringArb(maxLength: number): fc.Arbitrary<string> {
  let arb = stringCache.get(maxLength);
  if (arb === undefined) {
    arb = fc.oneof(
      { weight: 2, arbitrary: fc.string({ unit: asciiChar, maxLength }) },
      { weight: 1, arbitrary: fc.string({ unit: anyChar, maxLength }) },
    );
    stringCache.set(maxLength, arb);
  }
  return arb;
}

const primitiveCache = new Map<string, fc.Arbitrary<unknown>>();

function primitiveArb(type: string, opts: Required<ArbitraryOptions>): fc.Arbitrary<unknown> {
  const key = `${type}/${opts.maxString}`;
  let arb = primitiveCache.get(key);
  if (arb === undefined) {
    arb = makePrimitiveArb(type, opts);
    primitiveCache.set(key, arb);
  }
  return arb;
}

function makePrimitiveArb(type: string, opts: Required<ArbitraryOptions>): fc.Arbitrary<unknown> {
  switch (type) {
    case 'bool':
      return fc.boolean();
    case 'int8':
      return fc.integer({ min: -128, max: 127 });
    case 'int16':
      return fc.integer({ min: -32768, max: 32767 });
    case 'uint16':
      return fc.integer({ min: 0, max: 0xffff });
    case 'int32':
      return fc.integer({ min: -0x80000000, max: 0x7fffffff });
    case 'uint32':
      return fc.integer({ min: 0, max: 0xffffffff });
    case 'int64':
      return fc.bigInt({ min: INT64_MIN, max: INT64_MAX });
    case 'float64':
      return fc.double();
    case 'string':
      return stringArb(opts.maxString);
    case 'uuid':
      return fc.uint8Array({ minLength: 16, maxLength: 16 }).map(uuidFromBytes);
    case 'bytes':
    case 'records':
      return fc.uint8Array({ maxLength: 16 });
    default:
      throw new Error(`unknown primitive ${type}`);
  }
}
