import type { MessageModel } from '../../src/main/core/protocol/schema-model';
import { apiPairs, emitIndex, type DataModule } from './emit-index';
import { countFunctions, emitMessagesModule } from './emit-message';
import { emitModel } from './emit-model';
import { kebabCase } from './names';
import { loadSchemas } from './parse-schema';

export interface Generated {
  messages: MessageModel[];
  apiCount: number;
  /** Output files by path relative to the generated/ folder ('/' separators), in a stable order. */
  files: Map<string, string>;
}

/** Parses every schema in `inputDir` and returns the generated files (nothing is written). */
export function generate(inputDir: string): Generated {
  const messages = loadSchemas(inputDir);
  const files = new Map<string, string>();

  const apis = apiPairs(messages, (name) => `./apis/${kebabCase(name)}`);
  for (const a of apis) {
    files.set(
      `apis/${kebabCase(a.name)}.ts`,
      emitMessagesModule([a.request, a.response], '../../primitives/runtime'),
    );
  }
  const headers = messages.filter((m) => m.kind === 'header');
  files.set('headers.ts', emitMessagesModule(headers, '../primitives/runtime'));
  const data: DataModule[] = messages
    .filter((m) => m.kind === 'data')
    .map((m) => ({ message: m, module: `./data/${kebabCase(m.name)}` }));
  for (const d of data) {
    files.set(
      `data/${kebabCase(d.message.name)}.ts`,
      emitMessagesModule([d.message], '../../primitives/runtime'),
    );
  }
  files.set('index.ts', emitIndex(apis, './headers', data));
  files.set('schema-model.ts', emitModel(messages));
  return {
    messages,
    apiCount: apis.length,
    files: new Map([...files.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
  };
}

export function summarize(messages: readonly MessageModel[]): { versions: number; functions: number } {
  let versions = 0;
  let functions = 0;
  for (const m of messages) {
    const c = countFunctions(m);
    versions += c.versions;
    functions += c.functions;
  }
  return { versions, functions };
}
