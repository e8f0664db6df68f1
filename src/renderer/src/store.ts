import { create } from 'zustand';
import type { BrokerscopeApi, Result } from '@shared/api/contract';
import { resolveApi } from './api';

export type ViewId = 'profiles' | 'sessions' | 'troubleshoot' | 'logs';

interface AppState {
  api: BrokerscopeApi | null;
  version: Result<'app.version'> | null;
  error: string | null;
  view: ViewId;
  setView(view: ViewId): void;
  init(): Promise<void>;
}

export const useApp = create<AppState>((set) => ({
  api: null,
  version: null,
  error: null,
  view: 'profiles',
  setView: (view) => set({ view }),
  async init() {
    try {
      const api = await resolveApi();
      set({ api, version: await api.call('app.version', {}) });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
}));
