import {
  elementType,
  fieldPresence,
  isArrayType,
  type FieldModel,
  type MessageModel,
  type StructModel,
} from '../../src/main/core/protocol/schema-model';
import { Code, quote } from './code';
import { defaultExpr } from './emit-defaults';
import { tsElementType, tsFieldType } from './emit-types';
import { ARRAY_METHOD, fieldFlags } from './emit-encode';
import { fixedSize, type Shapes } from './shapes';

/** Expression reading a fixed-size value of `type` at byte offset expression `at` (bounds already checked). */
export function fixedReadExpr(type: string, at: (k: number) => string): string {
  // DataView reads compile to one load (+ byte swap): faster than assembling bytes.
  switch (type) {
    case 'bool':
      return `b[${at(0)}] !== 0`;
    case 'int8':
      return `dv.getInt8(${at(0)})`;
    case 'int16':
      return `dv.getInt16(${at(0)})`;
    case 'uint16':
      return `dv.getUint16(${at(0)})`;
    case 'int32':
      return `dv.getInt32(${at(0)})`;
    case 'uint32':
      return `dv.getUint32(${at(0)})`;
    case 'int64':
      return `dv.getBigInt64(${at(0)})`;
    case 'float64':
      return `dv.getFloat64(${at(0)})`;
    case 'uuid':
      return `uuidAt(b, ${at(0)})`;
    default:
      throw new Error(`not a fixed-size type: ${type}`);
  }
}

const READER_FIXED: Record<string, string> = {
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

function offset(base: string, k: number): string {
  return k === 0 ? base : `${base} + ${k}`;
}

export class DecodeEmitter {
  constructor(
    private readonly msg: MessageModel,
    private readonly shapes: Shapes,
  ) {}

  emitFunction(s: StructModel, v: number): Code {
    const code = new Code();
    const flexible = this.shapes.flexible(v);
    const fields = s.fields;
    const regular = fields.filter((f) => fieldPresence(f, v) === 'regular');
    const tagged = fields.filter((f) => fieldPresence(f, v) === 'tagged').sort((a, b) => a.tag! - b.tag!);
    const usesP = regular.some(
      (f, i) =>
        fixedSize(f.type) !== null &&
        ((i + 1 < regular.length && fixedSize(regular[i + 1]!.type) !== null) ||
          (i > 0 && fixedSize(regular[i - 1]!.type) !== null)),
    );
    const usesBuf = usesP;

    code.block(`function ${this.shapes.decoderName(s, v)}(r: Reader): ${s.tsName} {`, () => {
      if (usesBuf) {
        code.line('const b = r.buf;');
        code.line('const dv = r.view;');
      }
      if (usesP) code.line('let p: number;');
      // Regular fields, in order; runs of fixed-size fields share one bounds check.
      let i = 0;
      while (i < regular.length) {
        const f = regular[i]!;
        if (
          fixedSize(f.type) !== null &&
          i + 1 < regular.length &&
          fixedSize(regular[i + 1]!.type) !== null
        ) {
          const run: FieldModel[] = [];
          while (i < regular.length && fixedSize(regular[i]!.type) !== null) run.push(regular[i++]!);
          this.emitFixedRun(code, run);
          continue;
        }
        const simple = this.simpleRead(f, v);
        if (simple !== null) {
          code.line(`const f_${f.name} = ${simple};`);
        } else {
          code.line(`let f_${f.name}: ${tsFieldType(this.msg, f)};`);
          this.emitAssign(code, f, v, `f_${f.name}`);
        }
        i++;
      }
      // Tagged fields start at their defaults.
      for (const f of tagged)
        code.line(`let f_${f.name}: ${tsFieldType(this.msg, f)} = ${defaultExpr(this.msg, f)};`);
      if (flexible) {
        if (tagged.length === 0) {
          // Almost every struct has no tagged fields: one byte 0, checked inline.
          code.line('let u: TaggedField[] | undefined;');
          code.line('const tp = r.pos;');
          code.line('if (tp < r.end && r.buf[tp] === 0) r.pos = tp + 1;');
          code.line("else u = r.unknownTaggedFields('_taggedFields');");
        } else {
          code.line('let u: TaggedField[] | undefined;');
          code.line("const nt = r.uvarint('_taggedFields');");
          code.block('for (let t = 0; t < nt; t++) {', () => {
            code.line("const tag = r.uvarint('_taggedFields');");
            code.line("const size = r.uvarint('_taggedFields');");
            code.line("const saved = r.enterTagged(size, '_taggedFields');");
            code.block('switch (tag) {', () => {
              for (const f of tagged) {
                code.line(`case ${f.tag}:`);
                code.indent(() => {
                  this.emitAssign(code, f, v, `f_${f.name}`);
                  code.line('break;');
                });
              }
              code.line('default:');
              code.indent(() => code.line('(u ??= []).push({ tag, data: r.take(size) });'));
            });
            code.line(`r.leaveTagged(saved, '_taggedFields');`);
          });
        }
      }
      code.block(
        'return {',
        () => {
          for (const f of fields) {
            const presence = fieldPresence(f, v);
            code.line(`${f.name}: ${presence === 'absent' ? defaultExpr(this.msg, f) : `f_${f.name}`},`);
          }
          code.line(`_unknownTaggedFields: ${flexible ? 'u' : 'undefined'},`);
        },
        '};',
      );
    });
    return code;
  }

  private emitFixedRun(code: Code, run: FieldModel[]): void {
    let total = 0;
    const layout: string[] = [];
    for (const f of run) {
      const size = fixedSize(f.type)!;
      layout.push(quote(f.name), String(size));
      total += size;
    }
    code.line('p = r.pos;');
    code.line(`if (p + ${total} > r.end) throw r.eofRun(p, [${layout.join(', ')}]);`);
    let k = 0;
    for (const f of run) {
      const base = k;
      code.line(`const f_${f.name} = ${fixedReadExpr(f.type, (j) => offset('p', base + j))};`);
      k += fixedSize(f.type)!;
    }
    code.line(`r.pos = p + ${total};`);
  }

  /** A single reader call for scalar, string and bytes fields; null for arrays and structs. */
  private simpleRead(f: FieldModel, v: number): string | null {
    const name = quote(f.name);
    if (isArrayType(f.type)) {
      if (this.shapes.childOf(f)) return null;
      const nullable = this.shapes.nullable(f, v);
      // Compact non-nullable int32 lists (replicas, ISR, …) have an inlinable fast path.
      if (elementType(f.type) === 'int32' && !nullable && this.shapes.fieldFlexible(f, v))
        return `r.i32sC(${name})`;
      return `r.${ARRAY_METHOD[elementType(f.type)]}(${name}, ${fieldFlags(this.shapes, f, v)})${nullable ? '' : '!'}`;
    }
    const nullable = this.shapes.nullable(f, v);
    const compact = this.shapes.fieldFlexible(f, v);
    if (fixedSize(f.type) !== null) return `r.${READER_FIXED[f.type]}(${name})`;
    switch (f.type) {
      case 'string':
        return `r.${nullable ? 'n' : ''}str${compact ? 'C' : ''}(${name})`;
      case 'bytes':
      case 'records':
        return `r.${nullable ? 'n' : ''}bytes${compact ? 'C' : ''}(${name})`;
    }
    return null;
  }

  /** Statements that read field `f` (at version v) and assign it to `target`. */
  emitAssign(code: Code, f: FieldModel, v: number, target: string): void {
    const name = quote(f.name);
    const nullable = this.shapes.nullable(f, v);
    if (isArrayType(f.type)) {
      this.emitArray(code, f, v, target);
      return;
    }
    const simple = this.simpleRead(f, v);
    if (simple !== null) {
      code.line(`${target} = ${simple};`);
      return;
    }
    const child = this.shapes.childOf(f)!;
    const call = `${this.shapes.decoderName(child, v)}(r)`;
    if (nullable) {
      code.block(`if (r.i8(${name}) < 0) {`, () => code.line(`${target} = null;`), '} else {');
      code.indent(() => this.emitWrapped(code, `${target} = ${call};`, name, '-1'));
      code.line('}');
    } else {
      this.emitWrapped(code, `${target} = ${call};`, name, '-1');
    }
  }

  private emitWrapped(code: Code, stmt: string, name: string, index: string): void {
    code.line(`try { ${stmt} } catch (e) { throw r.wrap(e, ${name}, ${index}); }`);
  }

  private emitArray(code: Code, f: FieldModel, v: number, target: string): void {
    const name = quote(f.name);
    const nullable = this.shapes.nullable(f, v);
    const compact = this.shapes.fieldFlexible(f, v);
    const elem = elementType(f.type);
    const child = this.shapes.childOf(f);
    if (!child) {
      code.line(
        `${target} = r.${ARRAY_METHOD[elem]}(${name}, ${fieldFlags(this.shapes, f, v)})${nullable ? '' : '!'};`,
      );
      return;
    }
    const elemTs = tsElementType(this.msg, f.type);
    const minElem = this.shapes.minSize(child, v);
    code.block('{', () => {
      code.line(`const n = r.arrayLen${compact ? 'C' : ''}(${name}, ${minElem}, ${nullable});`);
      const fill = (): void => {
        code.line(`const a: ${elemTs}[] = [];`);
        code.line('let i = 0;');
        code.line(
          `try { for (; i < n; i++) a.push(${this.shapes.decoderName(child, v)}(r)); } catch (e) { throw r.wrap(e, ${name}, i); }`,
        );
        code.line(`${target} = a;`);
      };
      if (nullable) {
        code.block('if (n < 0) {', () => code.line(`${target} = null;`), '} else {');
        code.indent(fill);
        code.line('}');
      } else {
        fill();
      }
    });
  }
}
