/**
 * The `kerberos` npm package (MongoDB's N-API binding to MIT/Heimdal GSS-API), loaded at
 * first use so the app runs without it. Only the part GSSAPI needs is typed here: the
 * package is an optionalDependency, so its own types may be absent at build time.
 */
import { createRequire } from 'node:module';

/** A client security context (one per authentication). Every token in and out is base64. */
export interface KerberosClient {
  /** gss_init_sec_context with the server's last token ('' at the start); the next token, or null/'' when none. */
  step(challenge: string): Promise<string | null>;
  /** gss_unwrap of a server message; the cleartext, base64. Never call it with ''. */
  unwrap(challenge: string): Promise<string>;
  /**
   * Builds and wraps the RFC 4752 client reply: NOT a general gss_wrap. It decodes
   * `challenge`, forces its first octet to 0x01 ("no security layer"), keeps octets 1..3
   * as the max buffer size, appends `options.user` as the authorization id and wraps that.
   * It reads 8 octets of the decoded input (a C `long`), so give it at least 8; '' crashes.
   */
  wrap(challenge: string, options?: { user?: string; protect?: boolean }): Promise<string>;
  /** True once gss_init_sec_context returned GSS_S_COMPLETE. */
  contextComplete: boolean;
  /** The client principal (gss_display_name), once the context is complete. */
  username?: string;
}

export interface KerberosModule {
  initializeClient(
    service: string,
    options?: { principal?: string; mechOID?: number; flags?: number },
  ): Promise<KerberosClient>;
  GSS_MECH_OID_KRB5: number;
  version?: string;
}

export type KerberosLoader = () => Promise<KerberosModule>;

/** Why the module is unusable, and how to fix it. */
export class KerberosUnavailableError extends Error {
  override readonly name = 'KerberosUnavailableError';
  constructor(readonly reason: string) {
    super(
      `SASL GSSAPI (Kerberos) needs the optional "kerberos" package, which could not be loaded: ${reason}. ` +
        'Install it with `npm install kerberos` on a machine with the MIT Kerberos development headers ' +
        '(Debian/Ubuntu: apt-get install libkrb5-dev; Fedora/RHEL: dnf install krb5-devel) so its native part builds, then restart.',
    );
  }
}

// A name in a variable: bundlers leave the require alone, and Node resolves it at run time.
const MODULE_NAME = 'kerberos';

/** The first line of an error's message (Node's require errors append a require stack). */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? text).trim();
}

/** Loads `kerberos` with Node's require; throws KerberosUnavailableError when it can't. */
export function requireKerberos(resolveFrom: string = import.meta.url): KerberosModule {
  let mod: unknown;
  try {
    mod = createRequire(resolveFrom)(MODULE_NAME);
  } catch (err) {
    throw new KerberosUnavailableError(firstLine(err));
  }
  const m = mod as Partial<KerberosModule> | null;
  if (!m || typeof m.initializeClient !== 'function' || typeof m.GSS_MECH_OID_KRB5 !== 'number') {
    throw new KerberosUnavailableError(
      'the package that loaded has no initializeClient() (not the mongodb-js "kerberos" package?)',
    );
  }
  return m as KerberosModule;
}

let loaded: KerberosModule | null = null;

/** The default loader: required once, then cached (a failure is retried next time). */
export const loadKerberos: KerberosLoader = async () => {
  loaded ??= requireKerberos();
  return loaded;
};
