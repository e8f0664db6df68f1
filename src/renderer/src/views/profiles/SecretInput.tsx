/** A secret field: masked, never shown back once stored; replace or clear it explicitly. */
import { useState } from 'react';
import type { SecretField } from '@shared/api/profile-schema';
import { Button, IconButton } from '../../components/Button';
import { Field, TextArea, TextInput, useFieldId } from '../../components/controls';
import type { FormPartProps } from './form-types';

export function SecretInput({
  field,
  label,
  help,
  multiline,
  optional,
  draft,
  set,
  errors,
  stored,
}: FormPartProps & { field: SecretField; label: string; help: string; multiline?: boolean; optional?: boolean }): React.JSX.Element {
  const id = useFieldId(field);
  const [reveal, setReveal] = useState(false);
  const edit = draft.secrets[field];
  const setEdit = (e: (typeof draft.secrets)[SecretField]): void => set({ secrets: { ...draft.secrets, [field]: e } });
  const isStored = !!stored[field];
  let body: React.JSX.Element;
  if (edit.kind === 'keep' && isStored) {
    body = (
      <div className="flex items-center gap-2">
        <span
          className="flex h-7 flex-1 items-center gap-2 rounded-md border border-dashed border-line-strong bg-panel px-2 font-mono text-xs tracking-widest text-muted"
          data-testid={`secret-${field}-stored`}
        >
          ••••••••••
          <span className="font-sans text-[11px] tracking-normal text-faint">stored</span>
        </span>
        <Button size="xs" onClick={() => setEdit({ kind: 'set', value: '' })}>
          Replace
        </Button>
        <Button size="xs" variant="ghost" onClick={() => setEdit({ kind: 'clear' })}>
          Clear
        </Button>
      </div>
    );
  } else if (edit.kind === 'clear') {
    body = (
      <div className="flex h-7 items-center gap-2 text-xs text-muted">
        Removed when you save.
        <Button size="xs" variant="ghost" onClick={() => setEdit({ kind: 'keep' })}>
          Undo
        </Button>
      </div>
    );
  } else {
    const value = edit.kind === 'set' ? edit.value : '';
    const onChange = (v: string): void => setEdit({ kind: 'set', value: v });
    body = multiline ? (
      <TextArea
        id={id}
        rows={4}
        value={value}
        invalid={!!errors[field]}
        placeholder="-----BEGIN PRIVATE KEY-----"
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        className={reveal ? '' : '[-webkit-text-security:disc]'}
      />
    ) : (
      <div className="flex items-center gap-1">
        <TextInput
          id={id}
          type={reveal ? 'text' : 'password'}
          autoComplete="new-password"
          spellCheck={false}
          value={value}
          invalid={!!errors[field]}
          onChange={(e) => onChange(e.target.value)}
          className="flex-1 font-mono"
          data-testid={`secret-${field}`}
        />
        <IconButton icon={reveal ? 'eyeOff' : 'eye'} label={reveal ? 'Hide' : 'Show while typing'} onClick={() => setReveal(!reveal)} />
        {isStored ? (
          <Button size="xs" variant="ghost" onClick={() => setEdit({ kind: 'keep' })}>
            Keep stored
          </Button>
        ) : null}
      </div>
    );
  }
  return (
    <Field label={label} help={help} error={errors[field]} htmlFor={id} optional={optional}>
      {body}
    </Field>
  );
}
