import { doneError, type RequestRow, type DoneRow } from '../../lib/derive';

export interface RequestFilter {
  api: string;
  broker: string;
  /** '' all, '*' any failure, or one error name / outcome. */
  error: string;
}

export const noFilter: RequestFilter = { api: '', broker: '', error: '' };


export function matchRequest(r: RequestRow, f: RequestFilter): boolean {
  return (!f.api || r.apiName === f.api) && (!f.broker || r.broker === f.broker);
}

export function matchDone(r: DoneRow, f: RequestFilter): boolean {
  if (!matchRequest(r, f)) return false;
  if (!f.error) return true;
  const e = doneError(r);
  return f.error === '*' ? e !== null : e === f.error;
}
