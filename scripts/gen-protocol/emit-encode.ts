import {
  elementType,
  fieldDefault,
  fieldPresence,
  isArrayType,
  type FieldModel,
  type MessageModel,
  type StructModel,
} from '../../src/main/core/protocol/schema-model';
import { Code, literal, quote } from './code';
import { isDefaultTest } from './emit-defaults';
import type { Shapes } from './shapes';

/** Writer method per primitive (scalars; strings and bytes pick their variant below). */
const WRITER_SCALAR: Record<string, string> = {
  bool: 'bool',
  int8: 'i8',
  int16: 'i16',
  uint16: 'u16',
  int32: 'i32',
  uint32: 'u32',
  int64: 'i64',
  float64: 'f64',
  uuid: 'uuid',
};

/** Writer method per primitive array element type. */
export const ARRAY_METHOD: Record<string, string> = {
  bool: 'bools',
  int8: 'i8s',
  int16: 'i16s',
  uint16: 'u16s',
  int32: 'i32s',
  uint32: 'u32s',
  int64: 'i64s',
  float64: 'f64s',
  uuid: 'uuids',
  string: 'strs',
  bytes: 'bytesArray',
  records: 'bytesArray',
};

/** `COMPACT | NULLABLE | NULL_DEFAULT` flags of an array or struct field at version v ('0' for none). */
export function fieldFlags(shapes: Shapes, f: FieldModel, v: number): string {
  const flags: string[] = [];
  if (shapes.fieldFlexible(f, v)) flags.push('COMPACT');
  if (shapes.nullable(f, v)) flags.push('NULLABLE');
  if (f.default === 'null') flags.push('NULL_DEFAULT');
  return flags.length === 0 ? '0' : flags.join(' | ');
}

export class EncodeEmitter {
  constructor(
    private readonly msg: MessageModel,
    private readonly shapes: Shapes,
  ) {}

  emitFunction(s: StructModel, v: number): Code {
    const code = new Code();
    const flexible = this.shapes.flexible(v);
    const regular = s.fields.filter((f) => fieldPresence(f, v) === 'regular');
    const tagged = s.fields.filter((f) => fieldPresence(f, v) === 'tagged').sort((a, b) => a.tag! - b.tag!);
    code.block(`function ${this.shapes.encoderName(s, v)}(w: Writer, o: any): void {`, () => {
      code.line("if (typeof o !== 'object' || o === null) throw w.bad('', 'object', o);");
      for (const f of regular) this.emitWrite(code, f, v, `o.${f.name}`);
      if (flexible) this.emitTaggedSection(code, tagged, v);
    });
    return code;
  }

  /** Default passed to a scalar/string/bytes writer for a missing value. */
  private scalarDefault(f: FieldModel, v: number): string {
    const d = fieldDefault(f);
    if (d.kind === 'scalar') return literal(d.value);
    if (d.kind === 'bytes') return 'EMPTY_BYTES';
    if (d.kind === 'null') {
      if (this.shapes.nullable(f, v)) return 'null';
      // A null default where this version cannot hold null: the type's empty value.
      return f.type === 'string' ? "''" : 'EMPTY_BYTES';
    }
    throw new Error(`${this.msg.name}.${f.name}: no scalar default`);
  }

  /** Statements writing the value of expression `x` (possibly undefined: then the default) as field `f`. */
  emitWrite(code: Code, f: FieldModel, v: number, x: string): void {
    const name = quote(f.name);
    const nullable = this.shapes.nullable(f, v);
    const compact = this.shapes.fieldFlexible(f, v);
    const elem = elementType(f.type);
    const child = this.shapes.childOf(f);
    if (isArrayType(f.type)) {
      const flags = fieldFlags(this.shapes, f, v);
      if (!child) {
        code.line(`w.${ARRAY_METHOD[elem]}(${x}, ${name}, ${flags});`);
        return;
      }
      code.block('{', () => {
        code.line(`const a = w.arrayStart(${x}, ${name}, ${flags});`);
        code.block('if (a !== null) {', () => {
          code.line('let i = 0;');
          code.line(
            `try { for (; i < a.length; i++) ${this.shapes.encoderName(child, v)}(w, a[i]); } catch (e) { throw w.wrap(e, ${name}, i); }`,
          );
        });
      });
      return;
    }
    if (child) {
      code.block('{', () => {
        code.line(`const s = w.structStart(${x}, ${name}, ${fieldFlags(this.shapes, f, v)});`);
        code.line(
          `if (s !== null) try { ${this.shapes.encoderName(child, v)}(w, s); } catch (e) { throw w.wrap(e, ${name}, -1); }`,
        );
      });
      return;
    }
    const def = this.scalarDefault(f, v);
    switch (f.type) {
      case 'string':
        code.line(`w.${nullable ? 'n' : ''}str${compact ? 'C' : ''}(${x}, ${name}, ${def});`);
        return;
      case 'bytes':
      case 'records':
        code.line(`w.${nullable ? 'n' : ''}bytes${compact ? 'C' : ''}(${x}, ${name}, ${def});`);
        return;
      default:
        code.line(`w.${WRITER_SCALAR[f.type]}(${x}, ${name}, ${def});`);
    }
  }

  private emitTaggedSection(code: Code, tagged: FieldModel[], v: number): void {
    if (tagged.length === 0) {
      code.line('w.unknownOnly(o._unknownTaggedFields);');
      return;
    }
    code.block('{', () => {
      code.line('const unk = o._unknownTaggedFields;');
      code.line("let cnt = w.unknownCount(unk, '_unknownTaggedFields');");
      for (const f of tagged) {
        code.line(`const t_${f.name} = o.${f.name};`);
        code.line(`const h_${f.name} = !${isDefaultTest(this.msg, f, `t_${f.name}`)};`);
        code.line(`if (h_${f.name}) cnt++;`);
      }
      code.line('w.uvarint(cnt);');
      code.block('if (cnt !== 0) {', () => {
        code.line('let ui = 0;');
        for (const f of tagged) {
          code.line(`ui = w.unknownBefore(unk, ui, ${f.tag}, '_unknownTaggedFields');`);
          code.block(`if (h_${f.name}) {`, () => {
            code.line(`const m = w.beginTagged(${f.tag});`);
            this.emitWrite(code, f, v, `t_${f.name}`);
            code.line('w.endTagged(m);');
          });
        }
        code.line("w.unknownBefore(unk, ui, Infinity, '_unknownTaggedFields');");
      });
    });
  }
}
