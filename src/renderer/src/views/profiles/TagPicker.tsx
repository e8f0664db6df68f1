/** Toggle the profile's tags; add a tag (name and colour) in place. */
import { useState } from 'react';
import { fire } from '../../lib/api-client';
import { useProfiles } from '../../stores/profiles';
import { TagChip } from '../../components/Badge';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/controls';

const PALETTE = ['#16a34a', '#d97706', '#dc2626', '#2563eb', '#7c3aed', '#0891b2', '#db2777', '#475569'];

export function TagPicker({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }): React.JSX.Element {
  const tags = useProfiles((s) => s.tags);
  const saveTags = useProfiles((s) => s.saveTags);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [color, setColor] = useState(PALETTE[3]!);
  const add = async (): Promise<void> => {
    const n = name.trim();
    if (!n) return;
    const id = n.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || `tag-${tags.length + 1}`;
    if (!tags.some((t) => t.id === id)) await saveTags([...tags, { id, name: n, color }]);
    onChange([...new Set([...selected, id])]);
    setName('');
    setAdding(false);
  };
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {tags.map((t) => (
        <TagChip
          key={t.id}
          name={t.name}
          color={t.color}
          active={selected.includes(t.id)}
          onClick={() => onChange(selected.includes(t.id) ? selected.filter((x) => x !== t.id) : [...selected, t.id])}
        />
      ))}
      {adding ? (
        <span className="flex items-center gap-1">
          <TextInput
            aria-label="New tag name"
            autoFocus
            value={name}
            className="h-6 w-28 text-xs"
            placeholder="tag name"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                fire(add());
              }
            }}
          />
          {PALETTE.map((c) => (
            <button
              key={c}
              type="button"
              aria-label={`colour ${c}`}
              onClick={() => setColor(c)}
              className={`size-4 rounded-full ${color === c ? 'ring-2 ring-fg ring-offset-1 ring-offset-raised' : ''}`}
              style={{ backgroundColor: c }}
            />
          ))}
          <Button size="xs" onClick={() => fire(add())}>
            Add
          </Button>
          <Button size="xs" variant="ghost" onClick={() => setAdding(false)}>
            Cancel
          </Button>
        </span>
      ) : (
        <Button size="xs" variant="ghost" icon="plus" onClick={() => setAdding(true)}>
          New tag
        </Button>
      )}
    </div>
  );
}
