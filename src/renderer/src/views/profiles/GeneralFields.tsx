import { Field, TextArea, TextInput, useFieldId } from '../../components/controls';
import { FormSection } from './FormSection';
import { TagPicker } from './TagPicker';
import { help } from './help';
import type { FormPartProps } from './form-types';

export function GeneralFields(props: FormPartProps): React.JSX.Element {
  const { draft, set, errors } = props;
  const nameId = useFieldId('name');
  const bootId = useFieldId('bootstrap');
  const clientId = useFieldId('client-id');
  return (
    <FormSection title="Connection">
      <div className="grid grid-cols-2 gap-x-4 gap-y-3">
        <Field label="Name" help={help.name} error={errors.name} htmlFor={nameId}>
          <TextInput id={nameId} value={draft.name} invalid={!!errors.name} onChange={(e) => set({ name: e.target.value })} placeholder="orders-prod (eu-west-1)" />
        </Field>
        <Field label="Client id" help={help.clientId} error={errors.clientId} htmlFor={clientId}>
          <TextInput id={clientId} value={draft.clientId} className="font-mono text-xs" onChange={(e) => set({ clientId: e.target.value })} />
        </Field>
        <Field label="Bootstrap servers" help={help.bootstrap} error={errors.bootstrap} htmlFor={bootId} className="col-span-2">
          <TextArea
            id={bootId}
            rows={2}
            value={draft.bootstrap}
            invalid={!!errors.bootstrap}
            spellCheck={false}
            placeholder={'broker-1.example.com:9093\nbroker-2.example.com:9093'}
            onChange={(e) => set({ bootstrap: e.target.value })}
          />
        </Field>
        <Field label="Tags" help={help.tags} className="col-span-2">
          <TagPicker selected={draft.tagIds} onChange={(tagIds) => set({ tagIds })} />
        </Field>
      </div>
    </FormSection>
  );
}
