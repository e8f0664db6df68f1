import type { Result } from '@shared/api/contract';
import { version as packageVersion } from '../../../package.json';

export type Runtime = 'electron' | 'web';

export function appVersion(runtime: Runtime): Result<'app.version'> {
  const electron = process.versions.electron;
  return {
    name: 'Brokerscope',
    version: packageVersion,
    runtime,
    node: process.versions.node,
    ...(electron ? { electron } : {}),
  };
}
