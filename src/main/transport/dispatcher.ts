/**
 * Binds the contract to handlers. Every call is validated here, at the main-process
 * boundary, before a handler (and so the core) sees it. Both transports use this.
 */
import { methods, isMethodName, type MethodName, type ParsedParams, type Result } from '@shared/api/contract';
import type { WireReply } from '@shared/api/wire';
import { formatIssues } from '@shared/api/issues';

export { formatIssues };

/** One handler per method; each receives its params validated, defaults applied. */
export type Handlers = { [M in MethodName]: (params: ParsedParams<M>) => Promise<Result<M>> | Result<M> };

export type Dispatch = (method: unknown, params: unknown) => Promise<WireReply>;

export function createDispatcher(handlers: Handlers): Dispatch {
  return async (method, params) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown API method ${JSON.stringify(method)}` } };
    }
    const parsed = methods[method].params.safeParse(params ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'BAD_REQUEST', message: `${method}: invalid payload: ${formatIssues(parsed.error.issues)}` },
      };
    }
    try {
      const handler = handlers[method] as (p: unknown) => unknown;
      return { ok: true, result: await handler(parsed.data) };
    } catch (err) {
      return { ok: false, error: { code: 'FAILED', message: `${method}: ${(err as Error).message ?? String(err)}` } };
    }
  };
}
