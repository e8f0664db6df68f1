import { afterEach, describe, expect, it } from 'vitest';
import { krb5EnvLeases, withKrb5Env } from './env';

const saved = { KRB5_CONFIG: process.env.KRB5_CONFIG, KRB5CCNAME: process.env.KRB5CCNAME };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('withKrb5Env', () => {
  it('sets the variables for the call and restores them after, deleting what was unset', async () => {
    process.env.KRB5_CONFIG = '/etc/original.conf';
    delete process.env.KRB5CCNAME;
    const seen = await withKrb5Env({ KRB5_CONFIG: '/a.conf', KRB5CCNAME: 'MEMORY:x' }, async () => [
      process.env.KRB5_CONFIG,
      process.env.KRB5CCNAME,
    ]);
    expect(seen).toEqual(['/a.conf', 'MEMORY:x']);
    expect(process.env.KRB5_CONFIG).toBe('/etc/original.conf');
    expect('KRB5CCNAME' in process.env).toBe(false);
  });

  it('restores them when the call fails', async () => {
    process.env.KRB5_CONFIG = '/etc/original.conf';
    await expect(
      withKrb5Env({ KRB5_CONFIG: '/a.conf' }, async () => Promise.reject(new Error('x'))),
    ).rejects.toThrow('x');
    expect(process.env.KRB5_CONFIG).toBe('/etc/original.conf');
    expect(krb5EnvLeases()).toBe(0);
  });

  it('runs calls one at a time: concurrent connections never see each other’s values', async () => {
    const log: string[] = [];
    const call = (name: string) =>
      withKrb5Env({ KRB5_CONFIG: `/${name}.conf` }, async () => {
        log.push(`${name}:start:${process.env.KRB5_CONFIG}`);
        await tick();
        log.push(`${name}:end:${process.env.KRB5_CONFIG}`);
      });
    await Promise.all([call('a'), call('b'), call('c')]);
    expect(log).toEqual([
      'a:start:/a.conf',
      'a:end:/a.conf',
      'b:start:/b.conf',
      'b:end:/b.conf',
      'c:start:/c.conf',
      'c:end:/c.conf',
    ]);
    expect(krb5EnvLeases()).toBe(0);
  });
});
