import type { MessageModel } from '../../src/main/core/protocol/schema-model';
import { Code, quote } from './code';
import { HEADER_COMMENT } from './emit-message';
import { apiNameOf } from './names';

export interface ApiPair {
  key: number;
  name: string;
  request: MessageModel;
  response: MessageModel;
  module: string;
}

export interface DataModule {
  message: MessageModel;
  module: string;
}

function range(r: readonly [number, number] | null): string {
  return r === null ? 'null' : `[${r[0]}, ${r[1]}]`;
}

export function emitIndex(
  apis: readonly ApiPair[],
  headersModule: string,
  data: readonly DataModule[],
): string {
  const code = new Code();
  for (const l of HEADER_COMMENT) code.line(l);
  code.line("import type { Decoder, Encoder } from '../primitives/runtime';");
  for (const a of apis) {
    const r = a.request.name;
    const s = a.response.name;
    code.line(
      `import { ${r}Decoders, ${r}Encoders, ${s}Decoders, ${s}Encoders, type ${r}, type ${s} } from '${a.module}';`,
    );
  }
  for (const d of data) {
    const n = d.message.name;
    code.line(`import { ${n}Decoders, ${n}Encoders } from '${d.module}';`);
  }
  code.line();
  for (const a of apis) code.line(`export * from '${a.module}';`);
  code.line(`export * from '${headersModule}';`);
  for (const d of data) code.line(`export * from '${d.module}';`);
  code.line();

  code.line('/** Every API key by name. */');
  code.block(
    'export const ApiKey = {',
    () => {
      for (const a of apis) code.line(`${a.name}: ${a.key},`);
    },
    '} as const;',
  );
  code.line();
  code.line('export type ApiKeyValue = (typeof ApiKey)[keyof typeof ApiKey];');
  code.line();

  code.line('/** Facts from the schemas, per API key. */');
  code.block('export interface ApiData {', () => {
    code.line('readonly key: number;');
    code.line('readonly name: string;');
    code.line('/** Every version with a codec (validVersions), unstable ones included. */');
    code.line('readonly validVersions: readonly [number, number];');
    code.line('/** The highest version is still under development (excluded from what the client uses). */');
    code.line('readonly latestVersionUnstable: boolean;');
    code.line('readonly requestFlexibleMin: number | null;');
    code.line('readonly responseFlexibleMin: number | null;');
    code.line('readonly deprecatedVersions: readonly [number, number] | null;');
    code.line("/** Where the API is served: 'broker', 'controller', 'zkBroker'. */");
    code.line('readonly listeners: readonly string[];');
  });
  code.line();
  code.block(
    'export const API_DATA: readonly ApiData[] = [',
    () => {
      for (const a of apis) {
        const flexMin = (m: MessageModel): string =>
          m.flexibleVersions === null ? 'null' : String(m.flexibleVersions[0]);
        code.line(
          `{ key: ${a.key}, name: ${quote(a.name)}, validVersions: ${range(a.request.validVersions)}, ` +
            `latestVersionUnstable: ${a.request.latestVersionUnstable || a.response.latestVersionUnstable}, ` +
            `requestFlexibleMin: ${flexMin(a.request)}, responseFlexibleMin: ${flexMin(a.response)}, ` +
            `deprecatedVersions: ${range(a.request.deprecatedVersions)}, listeners: [${a.request.listeners.map(quote).join(', ')}] },`,
        );
      }
    },
    '];',
  );
  code.line();

  for (const [kind, pick] of [
    ['Request', (a: ApiPair) => a.request.name],
    ['Response', (a: ApiPair) => a.response.name],
  ] as const) {
    code.line(`/** ${kind} body type per API key. */`);
    code.block(`export interface ${kind}Bodies {`, () => {
      for (const a of apis) code.line(`${a.key}: ${pick(a)};`);
    });
    code.line();
  }

  const maxKey = Math.max(...apis.map((a) => a.key));
  const byKey = new Map(apis.map((a) => [a.key, a]));
  for (const [constName, suffix, side, type] of [
    ['REQUEST_DECODERS', 'Decoders', 'request', 'Decoder'],
    ['REQUEST_ENCODERS', 'Encoders', 'request', 'Encoder'],
    ['RESPONSE_DECODERS', 'Decoders', 'response', 'Decoder'],
    ['RESPONSE_ENCODERS', 'Encoders', 'response', 'Encoder'],
  ] as const) {
    code.line(`/** ${side} ${suffix.toLowerCase()} indexed by [apiKey][version]. */`);
    code.block(
      `export const ${constName}: readonly (readonly (${type} | undefined)[] | undefined)[] = [`,
      () => {
        for (let k = 0; k <= maxKey; k++) {
          const a = byKey.get(k);
          code.line(a ? `${a[side].name}${suffix},` : 'undefined,');
        }
      },
      '];',
    );
    code.line();
  }

  code.line('/** Codecs of the non-API "data" schemas (e.g. the consumer protocol), by message name. */');
  code.block(
    'export const DATA_CODECS: Readonly<Record<string, { readonly validVersions: readonly [number, number]; readonly decoders: readonly (Decoder | undefined)[]; readonly encoders: readonly (Encoder | undefined)[] }>> = {',
    () => {
      for (const d of data) {
        const n = d.message.name;
        code.line(
          `${n}: { validVersions: ${range(d.message.validVersions)}, decoders: ${n}Decoders, encoders: ${n}Encoders },`,
        );
      }
    },
    '};',
  );
  return code.toString();
}

export function apiPairs(
  messages: readonly MessageModel[],
  moduleOf: (apiName: string) => string,
): ApiPair[] {
  const byKey = new Map<number, { request?: MessageModel; response?: MessageModel }>();
  for (const m of messages) {
    if (m.kind !== 'request' && m.kind !== 'response') continue;
    const e = byKey.get(m.apiKey!) ?? {};
    e[m.kind] = m;
    byKey.set(m.apiKey!, e);
  }
  return [...byKey.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([key, e]) => {
      const name = apiNameOf(e.request!.name);
      if (apiNameOf(e.response!.name) !== name)
        throw new Error(`api key ${key}: ${e.request!.name} vs ${e.response!.name}`);
      return { key, name, request: e.request!, response: e.response!, module: moduleOf(name) };
    });
}
