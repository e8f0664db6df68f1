/**
 * The one place the stores reach the typed API. `call` reports every failure to the toast
 * area (titled with what the user was doing) and rethrows, so a caller can also show it
 * inline; `quiet` is for callers that show the error themselves.
 */
import type { BrokerscopeApi, MethodName, Params, Result } from '@shared/api/contract';
import { reportError } from '../stores/ui';

let current: BrokerscopeApi | null = null;

const reported = new WeakSet<object>();

/** True for an error call() already put in the toast area. */
export function isReported(err: unknown): boolean {
  return typeof err === 'object' && err !== null && reported.has(err);
}

/** Runs an action from an event handler; its errors were reported where they happened. */
export function fire(p: Promise<unknown>): void {
  p.catch((err: unknown) => {
    if (!isReported(err)) reportError('Unexpected error', err);
  });
}

export function setApi(api: BrokerscopeApi): void {
  current = api;
}

export function getApi(): BrokerscopeApi {
  if (!current) throw new Error('the Brokerscope host is not connected yet');
  return current;
}

export function hasApi(): boolean {
  return current !== null;
}

export async function call<M extends MethodName>(
  method: M,
  params: Params<M>,
  opts: { what?: string; quiet?: boolean } = {},
): Promise<Result<M>> {
  try {
    return await getApi().call(method, params);
  } catch (err) {
    if (!opts.quiet) {
      reportError(opts.what ?? `${method} failed`, err);
      if (typeof err === 'object' && err !== null) reported.add(err);
    }
    throw err;
  }
}

/** Splits "profile.tls.ca.path: Required; name: too short" into field → message. */
export function fieldErrors(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split('; ')) {
    const m = /^([\w.[\]-]+): (.+)$/.exec(part.trim());
    if (m?.[1] && m[2]) out.set(m[1].replace(/^(profile|params)\./, ''), m[2]);
  }
  return out;
}
