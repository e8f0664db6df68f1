import { Field, TextInput, useFieldId } from '../../components/controls';
import { FormSection } from './FormSection';
import { help } from './help';
import type { FormPartProps } from './form-types';

function Ms({ k, label, props }: { k: 'connectTimeoutMs' | 'requestTimeoutMs' | 'maxIdleMs'; label: string; props: FormPartProps }): React.JSX.Element {
  const id = useFieldId(k);
  return (
    <Field label={label} help={help[k]} error={props.errors[k]} htmlFor={id} optional>
      <div className="flex items-center gap-1.5">
        <TextInput
          id={id}
          inputMode="numeric"
          value={props.draft[k]}
          invalid={!!props.errors[k]}
          className="num w-28 text-right"
          onChange={(e) => props.set({ [k]: e.target.value })}
        />
        <span className="text-xs text-muted">ms</span>
      </div>
    </Field>
  );
}

export function TimeoutFields(props: FormPartProps): React.JSX.Element {
  return (
    <FormSection title="Timeouts">
      <div className="grid grid-cols-3 gap-x-4 gap-y-3">
        <Ms k="connectTimeoutMs" label="Connect timeout" props={props} />
        <Ms k="requestTimeoutMs" label="Request timeout" props={props} />
        <Ms k="maxIdleMs" label="Close when idle after" props={props} />
      </div>
    </FormSection>
  );
}
