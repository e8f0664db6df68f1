import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isPrimitive,
  elementType,
  type FieldModel,
  type MessageKind,
  type MessageModel,
  type StructModel,
  type VersionRange,
} from '../../src/main/core/protocol/schema-model';
import { camelCase, structTsName } from './names';
import { intersect, parseVersions } from './versions';

/** Removes `//` comments (outside strings) so the schema files parse as JSON. */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === '"') {
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

interface RawField {
  name: string;
  type: string;
  versions?: string;
  nullableVersions?: string;
  taggedVersions?: string;
  tag?: number | string;
  flexibleVersions?: string;
  default?: string | number | boolean;
  mapKey?: boolean;
  ignorable?: boolean;
  entityType?: string;
  fields?: RawField[];
}

interface RawStruct {
  name: string;
  versions?: string;
  fields: RawField[];
}

interface RawMessage {
  apiKey?: number;
  type: string;
  name: string;
  validVersions: string;
  flexibleVersions: string;
  latestVersionUnstable?: boolean;
  deprecatedVersions?: string;
  listeners?: string[];
  fields: RawField[];
  commonStructs?: RawStruct[];
}

const KINDS: readonly MessageKind[] = ['request', 'response', 'header', 'data'];

export function parseMessage(text: string, file: string): MessageModel {
  const raw = JSON.parse(stripJsonComments(text)) as RawMessage;
  const where = `${file} (${raw.name})`;
  if (!KINDS.includes(raw.type as MessageKind)) throw new Error(`${where}: unknown message type ${raw.type}`);
  const validVersions = parseVersions(raw.validVersions, `${where} validVersions`);
  if (validVersions === null) throw new Error(`${where}: no valid versions`);
  const flexibleVersions = intersect(
    parseVersions(raw.flexibleVersions, `${where} flexibleVersions`),
    validVersions,
  );
  const structs: Record<string, StructModel> = {};

  const convertFields = (fields: RawField[], ctx: string): FieldModel[] => {
    const seenNames = new Set<string>();
    const seenTags = new Set<number>();
    return fields.map((f) => {
      const fctx = `${ctx}.${f.name}`;
      if (seenNames.has(f.name)) throw new Error(`${fctx}: duplicate field name`);
      seenNames.add(f.name);
      const versions = intersect(parseVersions(f.versions, `${fctx} versions`), validVersions);
      const tag = f.tag === undefined ? null : Number(f.tag);
      if (tag !== null && (!Number.isInteger(tag) || tag < 0))
        throw new Error(`${fctx}: bad tag ${String(f.tag)}`);
      const taggedVersions = intersect(parseVersions(f.taggedVersions, `${fctx} taggedVersions`), versions);
      if ((tag === null) !== (f.taggedVersions === undefined))
        throw new Error(`${fctx}: tag and taggedVersions go together`);
      if (tag !== null) {
        if (seenTags.has(tag)) throw new Error(`${fctx}: duplicate tag ${tag}`);
        seenTags.add(tag);
      }
      const elem = elementType(f.type);
      if (f.fields !== undefined) {
        if (isPrimitive(elem)) throw new Error(`${fctx}: primitive type ${f.type} with fields`);
        addStruct(elem, f.fields, fctx);
      }
      return {
        name: camelCase(f.name),
        schemaName: f.name,
        type: f.type,
        versions,
        nullableVersions: intersect(parseVersions(f.nullableVersions, `${fctx} nullableVersions`), versions),
        taggedVersions,
        tag,
        flexibleVersions:
          f.flexibleVersions === undefined
            ? undefined
            : intersect(parseVersions(f.flexibleVersions, `${fctx} flexibleVersions`), validVersions),
        default: f.default === undefined ? null : String(f.default),
        mapKey: f.mapKey === true,
        ignorable: f.ignorable === true,
        entityType: f.entityType ?? null,
      };
    });
  };

  const addStruct = (name: string, fields: RawField[], ctx: string): void => {
    if (structs[name] !== undefined || name === raw.name)
      throw new Error(`${ctx}: struct ${name} defined twice`);
    // Reserve the name before converting children (they may not refer back, but duplicates must fail).
    structs[name] = { name, tsName: structTsName(raw.name, name), fields: [] };
    structs[name] = {
      name,
      tsName: structTsName(raw.name, name),
      fields: convertFields(fields, `${ctx}<${name}>`),
    };
  };

  for (const cs of raw.commonStructs ?? []) addStruct(cs.name, cs.fields, `${where} commonStructs`);
  const rootFields = convertFields(raw.fields, where);

  // Every struct type referenced must be defined.
  const check = (fields: readonly FieldModel[], ctx: string): void => {
    for (const f of fields) {
      const elem = elementType(f.type);
      if (!isPrimitive(elem) && structs[elem] === undefined)
        throw new Error(`${ctx}.${f.schemaName}: unknown type ${f.type}`);
      if (elem.startsWith('[]')) throw new Error(`${ctx}.${f.schemaName}: nested arrays are not supported`);
    }
  };
  check(rootFields, where);
  for (const s of Object.values(structs)) check(s.fields, `${where}<${s.name}>`);

  const kind = raw.type as MessageKind;
  if ((kind === 'request' || kind === 'response') && typeof raw.apiKey !== 'number') {
    throw new Error(`${where}: ${kind} without apiKey`);
  }
  return {
    name: raw.name,
    kind,
    apiKey: raw.apiKey ?? null,
    validVersions,
    flexibleVersions,
    latestVersionUnstable: raw.latestVersionUnstable === true,
    deprecatedVersions: parseVersions(raw.deprecatedVersions, `${where} deprecatedVersions`),
    listeners: [...(raw.listeners ?? [])],
    root: { name: raw.name, tsName: raw.name, fields: rootFields },
    structs: sortedRecord(structs),
  };
}

function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k]!;
  return out;
}

/** Reads every *.json schema in `dir`, sorted by kind, api key and name. */
export function loadSchemas(dir: string): MessageModel[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const messages = files.map((f) => parseMessage(readFileSync(join(dir, f), 'utf8'), f));
  const kindOrder = (k: MessageKind): number => KINDS.indexOf(k);
  messages.sort(
    (a, b) =>
      (a.apiKey ?? 1e9) - (b.apiKey ?? 1e9) ||
      kindOrder(a.kind) - kindOrder(b.kind) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  validateAll(messages);
  return messages;
}

function validateAll(messages: readonly MessageModel[]): void {
  const tsNames = new Map<string, string>();
  for (const m of messages) {
    for (const s of [m.root, ...Object.values(m.structs)]) {
      const prev = tsNames.get(s.tsName);
      if (prev !== undefined) throw new Error(`TypeScript name ${s.tsName} used by ${prev} and ${m.name}`);
      tsNames.set(s.tsName, m.name);
    }
  }
  const byKey = new Map<number, { request?: MessageModel; response?: MessageModel }>();
  for (const m of messages) {
    if (m.kind !== 'request' && m.kind !== 'response') continue;
    const e = byKey.get(m.apiKey!) ?? {};
    if (e[m.kind] !== undefined) throw new Error(`api key ${m.apiKey} has two ${m.kind}s`);
    e[m.kind] = m;
    byKey.set(m.apiKey!, e);
  }
  for (const [key, e] of byKey) {
    if (!e.request || !e.response) throw new Error(`api key ${key} lacks a request or a response`);
    if (!sameRange(e.request.validVersions, e.response.validVersions)) {
      throw new Error(`api key ${key}: request and response validVersions differ`);
    }
  }
}

function sameRange(a: VersionRange, b: VersionRange): boolean {
  return a[0] === b[0] && a[1] === b[1];
}
