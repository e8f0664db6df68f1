import { describe, expect, it } from 'vitest';
import { parseBootstrap, parseBootstrapEntry } from './bootstrap';

describe('bootstrap entries', () => {
  it.each([
    ['kafka1', { host: 'kafka1', port: 9092, family: 0 }],
    ['kafka1:19092', { host: 'kafka1', port: 19092, family: 0 }],
    ['broker-1.prod.example.com:9093', { host: 'broker-1.prod.example.com', port: 9093, family: 0 }],
    ['127.0.0.1', { host: '127.0.0.1', port: 9092, family: 4 }],
    ['127.0.0.1:29092', { host: '127.0.0.1', port: 29092, family: 4 }],
    ['[::1]', { host: '::1', port: 9092, family: 6 }],
    ['[::1]:9094', { host: '::1', port: 9094, family: 6 }],
    ['[fe80::1%eth0]:9094', { host: 'fe80::1%eth0', port: 9094, family: 6 }],
    ['::1', { host: '::1', port: 9092, family: 6 }],
    ['2001:db8::7', { host: '2001:db8::7', port: 9092, family: 6 }],
    ['  padded:1  ', { host: 'padded', port: 1, family: 0 }],
  ])('%s', (entry, expected) => {
    expect(parseBootstrapEntry(entry)).toMatchObject(expected);
  });

  it.each([
    ['host:abc', 'port "abc" is not a number'],
    ['host:0', 'port 0 is out of range'],
    ['host:65536', 'port 65536 is out of range'],
    ['host:', 'port "" is not a number'],
    [':9092', 'the host is missing'],
    ['[::1', 'missing "]"'],
    ['[::1]x', 'unexpected "x" after "]"'],
    ['[kafka]:9092', '"kafka" is not an IPv6 address'],
    ['bad_host!:9092', '"bad_host!" is not a valid host name'],
    ['2001:db8::7:9092:x', 'port "x" is not a number'],
  ])('rejects %s with a message naming it', (entry, problem) => {
    expect(() => parseBootstrapEntry(entry)).toThrow(`bootstrap entry "${entry}": ${problem}`);
  });
});

describe('bootstrap lists', () => {
  it('splits on commas and/or whitespace', () => {
    const list = parseBootstrap('a:1, b:2 c:3,,\n[::1]:4\td');
    expect(list.map((a) => `${a.host}:${a.port}`)).toEqual(['a:1', 'b:2', 'c:3', '::1:4', 'd:9092']);
  });

  it('accepts an array of strings, each possibly a list', () => {
    expect(parseBootstrap(['a:1,b:2', 'c']).map((a) => a.host)).toEqual(['a', 'b', 'c']);
  });

  it('names the bad entry within a list', () => {
    expect(() => parseBootstrap('good:1, bad:port, other:3')).toThrow('bootstrap entry "bad:port": port "port" is not a number');
  });

  it('rejects an empty list', () => {
    expect(() => parseBootstrap(' , ')).toThrow('the bootstrap list is empty');
  });

  it('shuffles on request, keeping every entry', () => {
    let seed = 1;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const input = Array.from({ length: 8 }, (_, i) => `h${i}:${i + 1}`);
    const shuffled = parseBootstrap(input, { shuffle: true, random }).map((a) => a.entry);
    expect(shuffled).not.toEqual(input);
    expect([...shuffled].sort()).toEqual([...input].sort());
  });
});
