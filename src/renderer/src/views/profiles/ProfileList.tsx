/** The profile list: search, tag filter, one dense row per profile with its environment colour. */
import { useMemo } from 'react';
import type { Profile, Tag } from '@shared/api/contract';
import { sessionTone } from '../../lib/tone';
import { useProfiles } from '../../stores/profiles';
import { useSessions } from '../../stores/sessions';
import { Dot, TagChip } from '../../components/Badge';
import { SearchInput } from '../../components/SearchInput';

function matches(p: Profile, q: string, tags: Tag[]): boolean {
  if (!q) return true;
  const hay = [p.name, p.securityProtocol, p.sasl?.mechanism ?? '', ...p.bootstrapServers, ...p.tagIds.map((id) => tags.find((t) => t.id === id)?.name ?? '')]
    .join(' ')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((w) => hay.includes(w));
}

function Row({ p, tags, selected, onSelect }: { p: Profile; tags: Tag[]; selected: boolean; onSelect: () => void }): React.JSX.Element {
  const status = useSessions((s) => s.summaries.find((x) => x.profileId === p.id)?.status ?? null);
  const color = tags.find((t) => p.tagIds.includes(t.id))?.color;
  return (
    <li>
      <button
        type="button"
        onClick={onSelect}
        aria-current={selected ? 'true' : undefined}
        data-testid="profile-row"
        className={`relative flex w-full flex-col gap-0.5 border-b border-line py-2 pr-3 pl-4 text-left ${selected ? 'bg-selected' : 'hover:bg-hover'}`}
      >
        {color ? <span className="absolute inset-y-1.5 left-1.5 w-[3px] rounded-full" style={{ backgroundColor: color }} /> : null}
        <span className="flex items-center gap-2">
          <span className="truncate text-[13px] font-medium">{p.name}</span>
          {status ? <Dot tone={sessionTone(status)} title={`session ${status}`} pulse={status === 'connecting'} /> : null}
          <span className="ml-auto flex gap-1">
            {p.tagIds.map((id) => {
              const t = tags.find((x) => x.id === id);
              return t ? <TagChip key={id} name={t.name} color={t.color} /> : null;
            })}
          </span>
        </span>
        <span className="flex items-center gap-2 text-[11.5px] text-muted">
          <span className="truncate font-mono">{p.bootstrapServers.join(', ')}</span>
          <span className="ml-auto shrink-0 font-mono text-[10.5px]">
            {p.securityProtocol}
            {p.sasl ? ` · ${p.sasl.mechanism}` : ''}
          </span>
        </span>
      </button>
    </li>
  );
}

export function ProfileList(): React.JSX.Element {
  const profiles = useProfiles((s) => s.profiles);
  const tags = useProfiles((s) => s.tags);
  const selectedId = useProfiles((s) => s.selectedId);
  const editing = useProfiles((s) => s.editing);
  const select = useProfiles((s) => s.select);
  const query = useProfiles((s) => s.query);
  const setQuery = useProfiles((s) => s.setQuery);
  const tagFilter = useProfiles((s) => s.tagFilter);
  const setTagFilter = useProfiles((s) => s.setTagFilter);
  const shown = useMemo(
    () =>
      profiles
        .filter((p) => matches(p, query, tags) && (!tagFilter || p.tagIds.includes(tagFilter)))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [profiles, query, tags, tagFilter],
  );
  const usedTags = tags.filter((t) => profiles.some((p) => p.tagIds.includes(t.id)));
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-col gap-2 border-b border-line p-2">
        <SearchInput value={query} onChange={setQuery} placeholder="Search name, host, protocol, tag" label="Search profiles" className="w-full" />
        {usedTags.length > 0 ? (
          <div className="flex flex-wrap gap-1">
            {usedTags.map((t) => (
              <TagChip key={t.id} name={t.name} color={t.color} active={tagFilter === null || tagFilter === t.id} onClick={() => setTagFilter(tagFilter === t.id ? null : t.id)} />
            ))}
          </div>
        ) : null}
      </div>
      <ul className="min-h-0 flex-1 overflow-y-auto" aria-label="Profiles">
        {shown.map((p) => (
          <Row key={p.id} p={p} tags={tags} selected={p.id === selectedId && editing.mode !== 'create'} onSelect={() => select(p.id)} />
        ))}
        {shown.length === 0 && profiles.length > 0 ? <li className="p-4 text-center text-xs text-muted">No profile matches.</li> : null}
      </ul>
      <div className="border-t border-line px-3 py-1 text-[11px] text-faint">
        {shown.length === profiles.length ? `${profiles.length} profiles` : `${shown.length} of ${profiles.length} profiles`}
      </div>
    </div>
  );
}
