import {
  fieldDefault,
  type FieldModel,
  type MessageModel,
  type StructModel,
} from '../../src/main/core/protocol/schema-model';
import { Code, literal } from './code';

/** Expression for a field's default value in a decoded body (a fresh object/array each time). */
export function defaultExpr(msg: MessageModel, f: FieldModel): string {
  const d = fieldDefault(f);
  switch (d.kind) {
    case 'null':
      return 'null';
    case 'scalar':
      return literal(d.value);
    case 'bytes':
      return 'new Uint8Array(0)';
    case 'array':
      return '[]';
    case 'struct': {
      const s = msg.structs[d.struct];
      if (!s) throw new Error(`${msg.name}: unknown struct ${d.struct}`);
      return `def${s.tsName}()`;
    }
  }
}

/**
 * `isDefault` test of a tagged field's value `x` (a tagged field is only written when it differs from its
 * default, as Java's generated code does). An undefined value counts as default.
 */
export function isDefaultTest(msg: MessageModel, f: FieldModel, x: string): string {
  const d = fieldDefault(f);
  switch (d.kind) {
    case 'null':
      return `(${x} === undefined || ${x} === null)`;
    case 'scalar':
      return `(${x} === undefined || ${x} === ${literal(d.value)})`;
    case 'bytes':
      return `(${x} === undefined || (${x} instanceof Uint8Array && ${x}.length === 0))`;
    case 'array':
      return `(${x} === undefined || (Array.isArray(${x}) && ${x}.length === 0))`;
    case 'struct':
      return `(${x} === undefined || isDef${msg.structs[d.struct]!.tsName}(${x}))`;
  }
}

/** Structs that need a default factory / isDefault function, in a stable order. */
function structsNeedingDefaults(msg: MessageModel): { factories: StructModel[]; tests: StructModel[] } {
  const factories = new Set<string>();
  const tests = new Set<string>();
  const addFactory = (name: string): void => {
    if (factories.has(name)) return;
    factories.add(name);
    for (const f of msg.structs[name]!.fields) {
      const d = fieldDefault(f);
      if (d.kind === 'struct') addFactory(d.struct);
    }
  };
  const addTest = (name: string): void => {
    if (tests.has(name)) return;
    tests.add(name);
    for (const f of msg.structs[name]!.fields) {
      const d = fieldDefault(f);
      if (d.kind === 'struct') addTest(d.struct);
    }
  };
  const all = [msg.root, ...Object.values(msg.structs)];
  for (const s of all) {
    for (const f of s.fields) {
      const d = fieldDefault(f);
      if (d.kind !== 'struct') continue;
      // A non-null struct default is needed for absent fields, missing fields and tagged comparisons.
      addFactory(d.struct);
      if (f.tag !== null) addTest(d.struct);
    }
  }
  const order = Object.keys(msg.structs);
  const pick = (set: Set<string>): StructModel[] =>
    order.filter((n) => set.has(n)).map((n) => msg.structs[n]!);
  return { factories: pick(factories), tests: pick(tests) };
}

export function emitDefaults(msg: MessageModel): Code {
  const code = new Code();
  const { factories, tests } = structsNeedingDefaults(msg);
  for (const s of factories) {
    code.block(`function def${s.tsName}(): ${s.tsName} {`, () => {
      code.block(
        'return {',
        () => {
          for (const f of s.fields) code.line(`${f.name}: ${defaultExpr(msg, f)},`);
          code.line('_unknownTaggedFields: undefined,');
        },
        '};',
      );
    });
    code.line();
  }
  for (const s of tests) {
    code.block(`function isDef${s.tsName}(o: any): boolean {`, () => {
      code.line("if (typeof o !== 'object' || o === null) return false;");
      code.line('const u = o._unknownTaggedFields;');
      code.line('if (u !== undefined && u !== null && !(Array.isArray(u) && u.length === 0)) return false;');
      for (const f of s.fields) code.line(`if (!${isDefaultTest(msg, f, `o.${f.name}`)}) return false;`);
      code.line('return true;');
    });
    code.line();
  }
  return code;
}
