import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPEN_MAX } from '../../src/main/core/protocol/schema-model';
import { generate } from './generate';
import { apiNameOf, camelCase, kebabCase, structTsName } from './names';
import { parseMessage, stripJsonComments } from './parse-schema';
import { parseVersions } from './versions';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaDir = process.env.KAFKA_MESSAGES_DIR
  ? resolve(process.env.KAFKA_MESSAGES_DIR)
  : resolve(repoRoot, '..', 'shared', 'kafka-messages');
const generatedDir = join(repoRoot, 'src', 'main', 'core', 'protocol', 'generated');

describe('schema parsing', () => {
  it('strips // comments but not // inside strings', () => {
    const text = '{ // comment\n "a": "http://x", // more\n "b": "q\\"//" }';
    expect(JSON.parse(stripJsonComments(text))).toEqual({ a: 'http://x', b: 'q"//' });
  });

  it('version ranges', () => {
    expect(parseVersions('0-7', 'x')).toEqual([0, 7]);
    expect(parseVersions('9+', 'x')).toEqual([9, OPEN_MAX]);
    expect(parseVersions('3', 'x')).toEqual([3, 3]);
    expect(parseVersions('none', 'x')).toBeNull();
    expect(parseVersions(undefined, 'x')).toBeNull();
    expect(() => parseVersions('7-3', 'x')).toThrow();
    expect(() => parseVersions('v1', 'x')).toThrow();
  });

  it('names', () => {
    expect(camelCase('ThrottleTimeMs')).toBe('throttleTimeMs');
    expect(camelCase('KRaftVersion')).toBe('kRaftVersion');
    expect(kebabCase('DescribeTopicPartitions')).toBe('describe-topic-partitions');
    expect(kebabCase('ApiVersions')).toBe('api-versions');
    expect(apiNameOf('MetadataResponse')).toBe('Metadata');
    expect(structTsName('MetadataResponse', 'MetadataResponseTopic')).toBe('MetadataResponseTopic');
    expect(structTsName('FetchResponse', 'NodeEndpoint')).toBe('FetchResponseNodeEndpoint');
  });

  it('normalises a schema: camelCase fields, ranges clipped to validVersions, tags as numbers', () => {
    const m = parseMessage(
      `{ "apiKey": 99, "type": "request", "name": "TestRequest", "validVersions": "0-4", "flexibleVersions": "3+",
         "fields": [
           { "name": "Items", "type": "[]Item", "versions": "1+", "nullableVersions": "2+", "fields": [
             { "name": "Id", "type": "uuid", "versions": "0+" } ] },
           { "name": "Extra", "type": "string", "versions": "3+", "taggedVersions": "3+", "tag": "1", "default": "x" }
         ] }`,
      'Test.json',
    );
    expect(m.validVersions).toEqual([0, 4]);
    expect(m.flexibleVersions).toEqual([3, 4]);
    expect(m.root.fields.map((f) => f.name)).toEqual(['items', 'extra']);
    expect(m.root.fields[0]).toMatchObject({ versions: [1, 4], nullableVersions: [2, 4], type: '[]Item' });
    expect(m.root.fields[1]).toMatchObject({ tag: 1, taggedVersions: [3, 4], default: 'x' });
    expect(m.structs.Item?.tsName).toBe('TestRequestItem');
  });

  it('rejects inconsistent schemas', () => {
    const base = (fields: string): string =>
      `{ "apiKey": 1, "type": "request", "name": "X", "validVersions": "0", "flexibleVersions": "none", "fields": [${fields}] }`;
    expect(() => parseMessage(base('{ "name": "A", "type": "Nope", "versions": "0+" }'), 'x')).toThrow(
      /unknown type/,
    );
    expect(() =>
      parseMessage(
        base(
          '{ "name": "A", "type": "int8", "versions": "0+" }, { "name": "A", "type": "int8", "versions": "0+" }',
        ),
        'x',
      ),
    ).toThrow(/duplicate field/);
    expect(() =>
      parseMessage(base('{ "name": "A", "type": "int8", "versions": "0+", "tag": 0 }'), 'x'),
    ).toThrow(/go together/);
  });
});

describe.skipIf(!existsSync(schemaDir))('generated code', () => {
  it('is up to date with the schemas and the generator (run `npm run gen:protocol`)', () => {
    const { files } = generate(schemaDir);
    const onDisk: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else onDisk.push(relative(generatedDir, p).split('\\').join('/'));
      }
    };
    walk(generatedDir);
    expect(onDisk.sort()).toEqual([...files.keys()].sort());
    for (const [rel, content] of files) {
      if (readFileSync(join(generatedDir, rel), 'utf8') !== content) {
        throw new Error(`generated/${rel} differs from the generator output: run npm run gen:protocol`);
      }
    }
  });
});
