import { saslMechanisms } from '@shared/api/profile-schema';
import { Field, Segmented, Select, TextInput, useFieldId } from '../../components/controls';
import { FormSection } from './FormSection';
import { SecretInput } from './SecretInput';
import { help } from './help';
import type { Mechanism } from './draft';
import type { FormPartProps } from './form-types';

function Text({
  k,
  label,
  placeholder,
  optional,
  props,
  mono,
}: {
  k: 'username' | 'tokenEndpoint' | 'oidcClientId' | 'scope' | 'serviceName' | 'serviceHost' | 'principal' | 'keytabPath' | 'ticketCache' | 'krb5ConfPath';
  label: string;
  placeholder?: string;
  optional?: boolean;
  mono?: boolean;
  props: FormPartProps;
}): React.JSX.Element {
  const id = useFieldId(k);
  return (
    <Field label={label} help={help[k]} error={props.errors[k]} htmlFor={id} optional={optional}>
      <TextInput
        id={id}
        value={props.draft[k]}
        invalid={!!props.errors[k]}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        className={mono ? 'font-mono text-xs' : ''}
        data-testid={`field-${k}`}
        onChange={(e) => props.set({ [k]: e.target.value })}
      />
    </Field>
  );
}

export function SaslFields(props: FormPartProps): React.JSX.Element {
  const { draft, set, errors } = props;
  const mechId = useFieldId('mechanism');
  const m = draft.mechanism;
  return (
    <FormSection title="SASL authentication">
      <div className="grid grid-cols-2 gap-x-4 gap-y-3">
        <Field label="Mechanism" help={`${help.mechanism[m]} ${help.mechanismGeneral}`} error={errors.mechanism} htmlFor={mechId} className="col-span-2">
          <Select id={mechId} value={m} className="w-56" data-testid="field-mechanism" onChange={(e) => set({ mechanism: e.target.value as Mechanism })}>
            {saslMechanisms.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </Select>
        </Field>
        {m === 'PLAIN' || m === 'SCRAM-SHA-256' || m === 'SCRAM-SHA-512' ? (
          <>
            <Text k="username" label="User name" props={props} />
            <SecretInput {...props} field="saslPassword" label="Password" help={help.password} />
          </>
        ) : null}
        {m === 'OAUTHBEARER' ? (
          <>
            <div className="col-span-2">
              <Segmented
                label="Token source"
                value={draft.oauthMode}
                onChange={(oauthMode) => set({ oauthMode })}
                options={[
                  { value: 'static', label: 'Fixed token' },
                  { value: 'oidc', label: 'OIDC client credentials' },
                ]}
              />
            </div>
            {draft.oauthMode === 'static' ? (
              <div className="col-span-2">
                <SecretInput {...props} field="oauthToken" label="Token" help={help.oauthToken} />
              </div>
            ) : (
              <>
                <div className="col-span-2">
                  <Text k="tokenEndpoint" label="Token endpoint" placeholder="https://idp.example.com/oauth2/token" props={props} mono />
                </div>
                <Text k="oidcClientId" label="Client id" props={props} />
                <SecretInput {...props} field="oidcClientSecret" label="Client secret" help={help.oidcClientSecret} />
                <Text k="scope" label="Scope" optional props={props} />
              </>
            )}
          </>
        ) : null}
        {m === 'GSSAPI' ? (
          <>
            <Text k="serviceName" label="Service name" props={props} />
            <Text k="serviceHost" label="Service host" optional props={props} />
            <Text k="principal" label="Principal" optional placeholder="alice@EXAMPLE.COM" props={props} />
            <Text k="keytabPath" label="Keytab" optional placeholder="/etc/security/alice.keytab" props={props} mono />
            <Text k="ticketCache" label="Ticket cache" optional props={props} mono />
            <Text k="krb5ConfPath" label="krb5.conf" optional props={props} mono />
          </>
        ) : null}
      </div>
    </FormSection>
  );
}
