import { describe, expect, it } from 'vitest';
import { legacyTableFor, parseVersionHint } from './legacy-versions';

describe('apiVersionHint tables', () => {
  it('has a table for each pre-0.10 release', () => {
    expect(legacyTableFor('0.8.2')?.get(10)).toEqual({ min: 0, max: 0 });
    expect(legacyTableFor('0.9')?.get(11)).toEqual({ min: 0, max: 0 });
    expect(legacyTableFor('0.8.0')?.has(8)).toBe(false);
  });
  it('returns null from 0.10 on, where ApiVersions exists', () => {
    expect(legacyTableFor('0.10.0')).toBeNull();
    expect(legacyTableFor('2.8')).toBeNull();
  });
  it('rejects a malformed hint by name', () => {
    expect(() => parseVersionHint('zero.nine')).toThrow('apiVersionHint "zero.nine" is not a version');
  });
});
