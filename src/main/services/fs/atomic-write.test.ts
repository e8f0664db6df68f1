import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFs, removeStaleTemps, writeFileAtomic, type AtomicFs } from './atomic-write';

const dir = (): string => mkdtempSync(join(tmpdir(), 'bs-atomic-'));

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file', async () => {
    const d = dir();
    const target = join(d, 'f.json');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(d)).toEqual(['f.json']);
  });

  it('keeps the old file when the rename fails, and cleans its temp file', async () => {
    const d = dir();
    const target = join(d, 'f.json');
    writeFileSync(target, 'old');
    const failing: AtomicFs = {
      ...nodeFs,
      rename: () => Promise.reject(Object.assign(new Error('EIO: power cut'), { code: 'EIO' })),
    };
    await expect(writeFileAtomic(target, 'new', { fs: failing })).rejects.toThrow('power cut');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['f.json']);
  });

  it('keeps the old file when fsync fails', async () => {
    const d = dir();
    const target = join(d, 'f.json');
    writeFileSync(target, 'old');
    const failing: AtomicFs = {
      ...nodeFs,
      open: async (p, f, m) => {
        const h = await nodeFs.open(p, f, m);
        return {
          ...h,
          writeFile: (x) => h.writeFile(x),
          close: () => h.close(),
          sync: () => Promise.reject(new Error('ENOSPC')),
        };
      },
    };
    await expect(writeFileAtomic(target, 'new', { fs: failing })).rejects.toThrow('ENOSPC');
    expect(readFileSync(target, 'utf8')).toBe('old');
  });

  it('removes temp files a crash left behind, and only those', async () => {
    const d = dir();
    const target = join(d, 'f.json');
    writeFileSync(target, 'old');
    writeFileSync(join(d, '.f.json.tmp-abc123'), 'half-writ');
    writeFileSync(join(d, 'other.json'), 'x');
    await removeStaleTemps(target);
    expect(readdirSync(d).sort()).toEqual(['f.json', 'other.json']);
    expect(existsSync(target)).toBe(true);
  });
});
