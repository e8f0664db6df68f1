import type { MessageModel } from '../../src/main/core/protocol/schema-model';
import { HEADER_COMMENT } from './emit-message';

/** The normalised schemas as data, for tests and for reflection (e.g. the inspector). No prose. */
export function emitModel(messages: readonly MessageModel[]): string {
  const lines = [...HEADER_COMMENT];
  lines.push("import type { MessageModel } from '../schema-model';");
  lines.push('');
  lines.push(`export const MESSAGE_MODELS: readonly MessageModel[] = ${serialize(messages, '')};`);
  return lines.join('\n') + '\n';
}

/** JSON, with values that fit on one line (up to 120 characters) and each field kept on one line. */
function serialize(value: unknown, indent: string): string {
  const flat = JSON.stringify(value);
  if (flat === undefined) return 'undefined';
  if (flat.length + indent.length <= 120 || value === null || typeof value !== 'object') return flat;
  if ('schemaName' in value) return flat;
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + serialize(v, inner)).join(',\n')},\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${serialize(v, inner)}`).join(',\n')},\n${indent}}`;
}
