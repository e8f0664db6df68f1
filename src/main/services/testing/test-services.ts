/** Services on a fresh temporary data folder, for tests (no keychain unless given). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '../app-service';
import { createServices, type Services, type ServicesOptions } from '../container';

export function tempDataDir(prefix = 'bs-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function createTestServices(
  runtime: Runtime = 'web',
  extra: Partial<ServicesOptions> = {},
): Services & { dataDir: string } {
  const dataDir = extra.dataDir ?? tempDataDir();
  return { ...createServices({ runtime, dataDir, ...extra }), dataDir };
}
