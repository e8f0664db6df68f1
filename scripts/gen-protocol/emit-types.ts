import {
  OPEN_MAX,
  elementType,
  isArrayType,
  isPrimitive,
  type FieldModel,
  type MessageModel,
  type StructModel,
  type VersionRange,
} from '../../src/main/core/protocol/schema-model';
import { Code } from './code';

const TS_PRIMITIVE: Record<string, string> = {
  bool: 'boolean',
  int8: 'number',
  int16: 'number',
  uint16: 'number',
  int32: 'number',
  uint32: 'number',
  int64: 'bigint',
  float64: 'number',
  string: 'string',
  uuid: 'string',
  bytes: 'Uint8Array',
  records: 'Uint8Array',
};

export function tsElementType(msg: MessageModel, type: string): string {
  const elem = elementType(type);
  if (isPrimitive(elem)) return TS_PRIMITIVE[elem]!;
  const s = msg.structs[elem];
  if (!s) throw new Error(`${msg.name}: unknown struct ${elem}`);
  return s.tsName;
}

/** TypeScript type of a field's value in a decoded body. */
export function tsFieldType(msg: MessageModel, f: FieldModel): string {
  const elem = tsElementType(msg, f.type);
  const base = isArrayType(f.type) ? `${elem}[]` : elem;
  return f.nullableVersions !== null || f.default === 'null' ? `${base} | null` : base;
}

export function rangeText(r: VersionRange | null | undefined): string {
  if (r == null) return 'none';
  if (r[1] === OPEN_MAX) return `v${r[0]}+`;
  return r[0] === r[1] ? `v${r[0]}` : `v${r[0]}-${r[1]}`;
}

/** One-line, fact-only description of a field (versions, nullability, tag, default, schema type). */
function fieldDoc(f: FieldModel): string {
  const parts = [`${f.type} ${rangeText(f.versions)}`];
  if (f.nullableVersions) parts.push(`nullable ${rangeText(f.nullableVersions)}`);
  if (f.tag !== null) parts.push(`tag ${f.tag} ${rangeText(f.taggedVersions)}`);
  if (f.default !== null) parts.push(`default ${f.default === '' ? '""' : f.default}`);
  if (f.mapKey) parts.push('map key');
  if (f.entityType) parts.push(f.entityType);
  return parts.join('; ');
}

export function emitInterfaces(msg: MessageModel): Code {
  const code = new Code();
  const structs: StructModel[] = [msg.root, ...Object.values(msg.structs)];
  for (const s of structs) {
    if (s === msg.root) {
      code.line(
        `/** ${msg.name} body (versions ${rangeText(msg.validVersions)}; flexible ${rangeText(msg.flexibleVersions)}). */`,
      );
    }
    code.block(`export interface ${s.tsName} {`, () => {
      for (const f of s.fields) {
        code.line(`/** ${fieldDoc(f)} */`);
        code.line(`${f.name}: ${tsFieldType(msg, f)};`);
      }
      code.line('/** Tagged fields this version does not define, kept as raw bytes. */');
      code.line('_unknownTaggedFields?: TaggedField[] | undefined;');
    });
    code.line();
  }
  return code;
}
