/** Exports (sessions and troubleshoot runs) and imported logs, opened read-only. */
import { create } from 'zustand';
import type { ExportFormat, ExportSource, LogSummary, SessionEventRecord } from '@shared/api/contract';
import { EVENT_PAGE_MAX } from '@shared/api/sessions';
import { call } from '../lib/api-client';
import { downloadData } from '../lib/download';
import { useUi } from './ui';

interface OpenLog {
  events: SessionEventRecord[];
  hasMore: boolean;
  loading: boolean;
}

interface LogsState {
  logs: LogSummary[];
  selectedLogId: string | null;
  open: Record<string, OpenLog>;
  importing: boolean;
  setLogs(logs: LogSummary[]): void;
  load(): Promise<void>;
  exportLog(source: ExportSource, format: ExportFormat, maskHosts: boolean): Promise<string | null>;
  importFile(fileName: string, text: string): Promise<LogSummary | null>;
  select(logId: string | null): void;
  loadOlder(logId: string): Promise<void>;
  close(logId: string): Promise<void>;
}

export const useLogs = create<LogsState>((set, get) => ({
  logs: [],
  selectedLogId: null,
  open: {},
  importing: false,
  setLogs(logs) {
    const ids = new Set(logs.map((l) => l.logId));
    set((s) => ({
      logs,
      selectedLogId: s.selectedLogId && ids.has(s.selectedLogId) ? s.selectedLogId : null,
      open: Object.fromEntries(Object.entries(s.open).filter(([id]) => ids.has(id))),
    }));
  },
  async load() {
    get().setLogs(await call('logs.list', {}, { what: 'Could not list the imported logs' }));
  },
  /** Returns the file name saved, or null (the error is in the toast area and returned to the caller's catch). */
  async exportLog(source, format, maskHosts) {
    const file = await call('logs.export', { source, format, maskHosts }, { what: 'Export failed' });
    downloadData(file.fileName, file.data, file.encoding, file.mediaType);
    useUi.getState().notify('info', 'Exported', file.fileName);
    return file.fileName;
  },
  async importFile(fileName, text) {
    set({ importing: true });
    try {
      const log = await call('logs.import', { fileName, text }, { what: `Could not open ${fileName}` });
      set((s) => ({ logs: s.logs.some((l) => l.logId === log.logId) ? s.logs : [...s.logs, log] }));
      get().select(log.logId);
      return log;
    } catch {
      return null; // reported by call()
    } finally {
      set({ importing: false });
    }
  },
  select(logId) {
    set({ selectedLogId: logId });
    if (logId && !get().open[logId]) {
      set((s) => ({ open: { ...s.open, [logId]: { events: [], hasMore: true, loading: false } } }));
      void get().loadOlder(logId);
    }
  },
  async loadOlder(logId) {
    const cur = get().open[logId];
    if (!cur || cur.loading || !cur.hasMore) return;
    set((s) => ({ open: { ...s.open, [logId]: { ...cur, loading: true } } }));
    try {
      const beforeSeq = cur.events[0]?.seq;
      const page = await call('logs.events.page', { logId, limit: EVENT_PAGE_MAX, ...(beforeSeq ? { beforeSeq } : {}) }, { what: 'Could not read the log' });
      set((s) => ({ open: { ...s.open, [logId]: { events: [...page.events, ...cur.events], hasMore: page.hasMore, loading: false } } }));
    } catch {
      set((s) => ({ open: { ...s.open, [logId]: { ...cur, loading: false } } }));
    }
  },
  async close(logId) {
    try {
      await call('logs.close', { logId }, { what: 'Could not close the log' });
      get().setLogs(get().logs.filter((l) => l.logId !== logId));
    } catch {
      // reported by call()
    }
  },
}));
