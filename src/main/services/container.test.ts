import { describe, expect, it } from 'vitest';
import { tuningFromEnv } from './container';
import { webDataDir } from './data-dir';

describe('service settings', () => {
  it('web mode keeps its data in $BROKERSCOPE_DATA_DIR or the platform config folder', () => {
    expect(webDataDir({ BROKERSCOPE_DATA_DIR: '/x' }, 'linux', '/home/u')).toBe('/x');
    expect(webDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/brokerscope');
    expect(webDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/brokerscope');
    expect(webDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/brokerscope');
  });

  it('reads session tuning from the environment, ignoring nonsense', () => {
    expect(
      tuningFromEnv({
        BROKERSCOPE_EVENT_BUFFER: '5000',
        BROKERSCOPE_BATCH_MS: '60',
        BROKERSCOPE_BATCH_MAX: 'lots',
      }),
    ).toEqual({
      bufferCap: 5000,
      batchIntervalMs: 60,
    });
    expect(tuningFromEnv({})).toEqual({});
  });
});
