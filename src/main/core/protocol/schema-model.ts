/**
 * The normalised form of Kafka's JSON message schemas. The generator (scripts/gen-protocol) parses the
 * schemas into this shape, emits codecs from it, and also emits it as data (generated/schema-model.ts) so
 * that tests and the inspector can reflect over messages without the JSON files at hand.
 */

/** Inclusive version range. Open-ended ranges ("3+") use {@link OPEN_MAX} as max. */
export type VersionRange = readonly [min: number, max: number];

export const OPEN_MAX = 0x7fff;

export type PrimitiveType =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'float64'
  | 'string'
  | 'uuid'
  | 'bytes'
  | 'records';

export const PRIMITIVE_TYPES: readonly PrimitiveType[] = [
  'bool',
  'int8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'float64',
  'string',
  'uuid',
  'bytes',
  'records',
];

/** Wire size of the fixed-size primitives. */
export const FIXED_SIZE: Readonly<Partial<Record<PrimitiveType, number>>> = {
  bool: 1,
  int8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  float64: 8,
  uuid: 16,
};

export interface FieldModel {
  /** camelCase name used in body objects (Java's rule: lower-case the first character). */
  readonly name: string;
  /** Name as written in the schema (PascalCase). */
  readonly schemaName: string;
  /** Schema type: a primitive, a struct name, or `[]` + either. */
  readonly type: string;
  readonly versions: VersionRange | null;
  readonly nullableVersions: VersionRange | null;
  readonly taggedVersions: VersionRange | null;
  readonly tag: number | null;
  /** Field-level override of the message's flexibleVersions (only RequestHeader.ClientId uses it). */
  readonly flexibleVersions?: VersionRange | null;
  /** The schema's `default`, as a string, or null when the schema gives none. */
  readonly default: string | null;
  readonly mapKey: boolean;
  readonly ignorable: boolean;
  readonly entityType: string | null;
}

export interface StructModel {
  /** Name in the schema. */
  readonly name: string;
  /** TypeScript interface name (unique across all messages). */
  readonly tsName: string;
  readonly fields: readonly FieldModel[];
}

export type MessageKind = 'request' | 'response' | 'header' | 'data';

export interface MessageModel {
  readonly name: string;
  readonly kind: MessageKind;
  readonly apiKey: number | null;
  readonly validVersions: VersionRange;
  readonly flexibleVersions: VersionRange | null;
  readonly latestVersionUnstable: boolean;
  readonly deprecatedVersions: VersionRange | null;
  readonly listeners: readonly string[];
  /** The message body itself; its tsName is the message name. */
  readonly root: StructModel;
  /** Every named struct of the message (inline and common), keyed by schema name. */
  readonly structs: Readonly<Record<string, StructModel>>;
}

export function inRange(range: VersionRange | null | undefined, v: number): boolean {
  return range != null && v >= range[0] && v <= range[1];
}

export function isArrayType(type: string): boolean {
  return type.startsWith('[]');
}

export function elementType(type: string): string {
  return type.startsWith('[]') ? type.slice(2) : type;
}

export function isPrimitive(type: string): type is PrimitiveType {
  return (PRIMITIVE_TYPES as readonly string[]).includes(type);
}

/** Whether the field is written in the flexible (compact) form at version v. */
export function fieldIsFlexible(msg: MessageModel, field: FieldModel, v: number): boolean {
  const flex = field.flexibleVersions === undefined ? msg.flexibleVersions : field.flexibleVersions;
  return inRange(flex, v);
}

export function messageIsFlexible(msg: MessageModel, v: number): boolean {
  return inRange(msg.flexibleVersions, v);
}

/** How a field appears on the wire at one version. */
export type FieldPresence = 'absent' | 'regular' | 'tagged';

export function fieldPresence(field: FieldModel, v: number): FieldPresence {
  if (!inRange(field.versions, v)) return 'absent';
  if (inRange(field.taggedVersions, v)) return 'tagged';
  return 'regular';
}

export function isNullableField(field: FieldModel): boolean {
  return field.nullableVersions !== null;
}

/** What a field holds when it is absent from a version, or missing from a body being encoded. */
export type DefaultSpec =
  | { readonly kind: 'null' }
  | { readonly kind: 'scalar'; readonly value: number | bigint | boolean | string }
  | { readonly kind: 'bytes' }
  | { readonly kind: 'array' }
  | { readonly kind: 'struct'; readonly struct: string };

export function fieldDefault(field: FieldModel): DefaultSpec {
  const t = field.type;
  const d = field.default;
  if (d === 'null') return { kind: 'null' };
  if (isArrayType(t)) return { kind: 'array' };
  switch (t) {
    case 'bool':
      return { kind: 'scalar', value: d === 'true' };
    case 'int8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
    case 'float64':
      return { kind: 'scalar', value: d === null ? 0 : Number(d) };
    case 'int64':
      return { kind: 'scalar', value: d === null ? 0n : BigInt(d) };
    case 'string':
      return { kind: 'scalar', value: d ?? '' };
    case 'uuid':
      return { kind: 'scalar', value: ZERO_UUID_STRING };
    case 'records':
      // Java's default for records is null; a records field that can never be null defaults to empty bytes.
      return field.nullableVersions !== null ? { kind: 'null' } : { kind: 'bytes' };
    case 'bytes':
      return { kind: 'bytes' };
    default:
      return { kind: 'struct', struct: t };
  }
}

/** The all-zero uuid in the body representation (Java's Uuid.toString: base64url, no padding). */
export const ZERO_UUID_STRING = 'AAAAAAAAAAAAAAAAAAAAAA';
