import {
  FIXED_SIZE,
  elementType,
  fieldIsFlexible,
  fieldPresence,
  inRange,
  isArrayType,
  isPrimitive,
  messageIsFlexible,
  type FieldModel,
  type MessageModel,
  type PrimitiveType,
  type StructModel,
} from '../../src/main/core/protocol/schema-model';
import { versionsOf } from './versions';

/**
 * Wire shapes of one message's structs per version. Versions of a struct whose wire shape is identical
 * (same fields present, same nullability/compactness/tags, same child shapes) share one encoder and one
 * decoder, named after the first such version.
 */
export class Shapes {
  private readonly sigCache = new Map<string, string>();
  /** `${struct}|${sig}` -> first version with that shape. */
  private readonly firstVersion = new Map<string, number>();

  constructor(readonly msg: MessageModel) {
    for (const v of versionsOf(msg.validVersions)) {
      for (const s of this.reachable(v)) {
        const key = `${s.name}|${this.sig(s, v)}`;
        if (!this.firstVersion.has(key)) this.firstVersion.set(key, v);
      }
    }
  }

  struct(name: string): StructModel {
    if (name === this.msg.root.name) return this.msg.root;
    const s = this.msg.structs[name];
    if (s === undefined) throw new Error(`${this.msg.name}: no struct ${name}`);
    return s;
  }

  /** The struct a field refers to (directly or as array element), or null for primitives. */
  childOf(f: FieldModel): StructModel | null {
    const elem = elementType(f.type);
    return isPrimitive(elem) ? null : this.struct(elem);
  }

  flexible(v: number): boolean {
    return messageIsFlexible(this.msg, v);
  }

  fieldFlexible(f: FieldModel, v: number): boolean {
    return fieldIsFlexible(this.msg, f, v);
  }

  nullable(f: FieldModel, v: number): boolean {
    return inRange(f.nullableVersions, v);
  }

  /** The version whose functions (struct, v) uses. */
  canonicalVersion(s: StructModel, v: number): number {
    const first = this.firstVersion.get(`${s.name}|${this.sig(s, v)}`);
    if (first === undefined) throw new Error(`${this.msg.name}: ${s.name} not reachable at v${v}`);
    return first;
  }

  decoderName(s: StructModel, v: number): string {
    return `d${s.tsName}V${this.canonicalVersion(s, v)}`;
  }

  encoderName(s: StructModel, v: number): string {
    return `e${s.tsName}V${this.canonicalVersion(s, v)}`;
  }

  /** Structs used at version v, root first, depth-first in field order, each once. */
  reachable(v: number): StructModel[] {
    const out: StructModel[] = [];
    const seen = new Set<string>();
    const visit = (s: StructModel): void => {
      if (seen.has(s.name)) return;
      seen.add(s.name);
      out.push(s);
      for (const f of s.fields) {
        if (fieldPresence(f, v) === 'absent') continue;
        const c = this.childOf(f);
        if (c) visit(c);
      }
    };
    visit(this.msg.root);
    return out;
  }

  /** Unique (struct, canonical version) pairs in a stable order: versions ascending, depth-first. */
  functions(): { struct: StructModel; version: number }[] {
    const out: { struct: StructModel; version: number }[] = [];
    const seen = new Set<string>();
    for (const v of versionsOf(this.msg.validVersions)) {
      for (const s of this.reachable(v)) {
        const cv = this.canonicalVersion(s, v);
        const key = `${s.name}@${cv}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ struct: s, version: cv });
      }
    }
    return out;
  }

  sig(s: StructModel, v: number): string {
    const key = `${s.name}@${v}`;
    const cached = this.sigCache.get(key);
    if (cached !== undefined) return cached;
    const parts: string[] = [this.flexible(v) ? 'F' : 'C'];
    for (const f of s.fields) {
      const presence = fieldPresence(f, v);
      if (presence === 'absent') {
        parts.push('-');
        continue;
      }
      let t = presence === 'tagged' ? `T${f.tag}:` : 'R:';
      t += this.nullable(f, v) ? 'N' : '_';
      t += this.fieldFlexible(f, v) ? 'c' : 'k';
      t += isArrayType(f.type) ? '[]' : '';
      const c = this.childOf(f);
      t += c ? `{${this.sig(c, v)}}` : elementType(f.type);
      parts.push(t);
    }
    const sig = parts.join(',');
    this.sigCache.set(key, sig);
    return sig;
  }

  /** Smallest number of bytes a struct can take at version v (for length-prefix sanity checks). */
  minSize(s: StructModel, v: number): number {
    let n = this.flexible(v) ? 1 : 0;
    for (const f of s.fields) {
      if (fieldPresence(f, v) !== 'regular') continue;
      n += this.fieldMinSize(f, v);
    }
    return n;
  }

  fieldMinSize(f: FieldModel, v: number): number {
    const compact = this.fieldFlexible(f, v);
    if (isArrayType(f.type)) return compact ? 1 : 4;
    const fixed = fixedSize(f.type);
    if (fixed !== null) return fixed;
    switch (f.type) {
      case 'string':
        return compact ? 1 : 2;
      case 'bytes':
      case 'records':
        return compact ? 1 : 4;
    }
    if (this.nullable(f, v)) return 1;
    return this.minSize(this.childOf(f)!, v);
  }
}

export function fixedSize(type: string): number | null {
  return isPrimitive(type) ? (FIXED_SIZE[type as PrimitiveType] ?? null) : null;
}
