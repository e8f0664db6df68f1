/**
 * MIT Kerberos takes its configuration, client keytab and credential cache from the
 * environment (KRB5_CONFIG, KRB5_CLIENT_KTNAME, KRB5CCNAME), which is process-global. The
 * library reads them again at every call that makes a krb5 context (MIT 1.20: each
 * gss_acquire_cred / gss_init_sec_context), so a connection's values are set for exactly
 * the duration of each of its native calls, and those calls are serialized process-wide:
 * two connections with different settings never see each other's values.
 */

export type Krb5EnvName = 'KRB5_CONFIG' | 'KRB5_CLIENT_KTNAME' | 'KRB5CCNAME';
export type Krb5Env = Partial<Record<Krb5EnvName, string>>;

interface LockState {
  tail: Promise<void>;
  /** How many leases are held or waiting (for tests). */
  pending: number;
}

// On globalThis: one lock even if this module is loaded twice (bundles, test isolation).
const KEY = Symbol.for('brokerscope.gssapi.krb5-env-lock');

function lockState(): LockState {
  const g = globalThis as { [KEY]?: LockState };
  return (g[KEY] ??= { tail: Promise.resolve(), pending: 0 });
}

/** Runs `fn` with `env` set (and nothing else using these variables), then restores them. */
export async function withKrb5Env<T>(env: Krb5Env, fn: () => Promise<T>): Promise<T> {
  const state = lockState();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const before = state.tail;
  state.tail = before.then(() => mine);
  state.pending++;
  await before;
  const saved = new Map<Krb5EnvName, string | undefined>();
  try {
    for (const [name, value] of Object.entries(env) as [Krb5EnvName, string | undefined][]) {
      if (value === undefined) continue;
      saved.set(name, process.env[name]);
      process.env[name] = value;
    }
    return await fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    state.pending--;
    release();
  }
}

/** Leases held or waiting right now. */
export function krb5EnvLeases(): number {
  return lockState().pending;
}
