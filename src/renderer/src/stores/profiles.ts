/** Profiles, tags and the secret store's status, kept in step with the main process. */
import { create } from 'zustand';
import type { Profile, ProfileFieldsInput, Result, SecretStorageStatus, SecretsInput, Tag } from '@shared/api/contract';
import { call } from '../lib/api-client';
import { useUi } from './ui';

export type Problem = Result<'profiles.list'>['problem'];

export type Editing = { mode: 'none' } | { mode: 'create'; from?: Profile } | { mode: 'edit'; id: string };

interface ProfilesState {
  loaded: boolean;
  profiles: Profile[];
  tags: Tag[];
  problem: Problem;
  secretStatus: SecretStorageStatus | null;
  selectedId: string | null;
  editing: Editing;
  query: string;
  tagFilter: string | null;
  setList(list: Result<'profiles.list'>): void;
  load(): Promise<void>;
  loadSecretStatus(): Promise<void>;
  select(id: string | null): void;
  setEditing(editing: Editing): void;
  setQuery(query: string): void;
  setTagFilter(id: string | null): void;
  save(id: string | null, profile: ProfileFieldsInput, secrets: SecretsInput | undefined): Promise<Profile>;
  duplicate(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  saveTags(tags: Tag[]): Promise<Tag[]>;
  allowPlaintext(allow: boolean): Promise<SecretStorageStatus>;
}

export const useProfiles = create<ProfilesState>((set, get) => ({
  loaded: false,
  profiles: [],
  tags: [],
  problem: null,
  secretStatus: null,
  selectedId: null,
  editing: { mode: 'none' },
  query: '',
  tagFilter: null,
  setList(list) {
    const { selectedId } = get();
    const stillThere = list.profiles.some((p) => p.id === selectedId);
    set({
      loaded: true,
      profiles: list.profiles,
      tags: list.tags,
      problem: list.problem,
      selectedId: stillThere ? selectedId : (list.profiles[0]?.id ?? null),
    });
  },
  async load() {
    get().setList(await call('profiles.list', {}, { what: 'Could not load the profiles' }));
  },
  async loadSecretStatus() {
    set({ secretStatus: await call('secrets.status', {}, { what: 'Could not read the secret store status' }) });
  },
  select: (selectedId) => set({ selectedId, editing: { mode: 'none' } }),
  setEditing: (editing) => set({ editing }),
  setQuery: (query) => set({ query }),
  setTagFilter: (tagFilter) => set({ tagFilter }),
  async save(id, profile, secrets) {
    // Errors are shown inline by the form, field by field.
    const saved =
      id === null
        ? await call('profiles.create', { profile, ...(secrets ? { secrets } : {}) }, { quiet: true })
        : await call('profiles.update', { id, profile, ...(secrets ? { secrets } : {}) }, { quiet: true });
    set((s) => ({
      profiles: s.profiles.some((p) => p.id === saved.id)
        ? s.profiles.map((p) => (p.id === saved.id ? saved : p))
        : [...s.profiles, saved],
      selectedId: saved.id,
      editing: { mode: 'none' },
    }));
    useUi.getState().notify('info', id === null ? 'Profile created' : 'Profile saved', saved.name);
    return saved;
  },
  async duplicate(id) {
    const copy = await call('profiles.duplicate', { id }, { what: 'Could not duplicate the profile' });
    set((s) => ({
      profiles: s.profiles.some((p) => p.id === copy.id) ? s.profiles : [...s.profiles, copy],
      selectedId: copy.id,
      editing: { mode: 'none' },
    }));
  },
  async remove(id) {
    await call('profiles.delete', { id }, { what: 'Could not delete the profile' });
    set((s) => {
      const profiles = s.profiles.filter((p) => p.id !== id);
      return { profiles, selectedId: s.selectedId === id ? (profiles[0]?.id ?? null) : s.selectedId, editing: { mode: 'none' } };
    });
  },
  async saveTags(tags) {
    const saved = await call('profiles.tags.save', { tags }, { what: 'Could not save the tags' });
    set({ tags: saved });
    return saved;
  },
  async allowPlaintext(allow) {
    const status = await call('secrets.allowPlaintext', { allow }, { what: 'Could not change the secret storage setting' });
    set({ secretStatus: status });
    return status;
  },
}));
