import { securityProtocols } from '@shared/api/profile-schema';
import { Segmented } from '../../components/controls';
import { Icon } from '../../components/Icon';
import { FormSection } from './FormSection';
import { SaslFields } from './SaslFields';
import { TlsFields } from './TlsFields';
import { help } from './help';
import { usesSasl, usesTls, type SecurityProtocol } from './draft';
import type { FormPartProps } from './form-types';

export function SecurityFields(props: FormPartProps): React.JSX.Element {
  const { draft, set, errors } = props;
  const p = draft.securityProtocol;
  return (
    <>
      <FormSection title="Security">
        <div className="flex flex-col gap-2">
          <span className="text-xs font-medium" id="security-protocol-label">
            Security protocol
          </span>
          <Segmented<SecurityProtocol>
            label="Security protocol"
            value={p}
            onChange={(securityProtocol) => set({ securityProtocol })}
            options={securityProtocols.map((v) => ({ value: v, label: v, title: help.securityProtocol[v] }))}
          />
          <p className="text-[11.5px] leading-snug text-muted">
            <span className="font-medium text-fg">{help.securityProtocol[p]}</span> {help.securityProtocolGeneral}
          </p>
          {p === 'SASL_PLAINTEXT' ? (
            <p className="flex items-start gap-1.5 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900 dark:bg-amber-400/10 dark:text-amber-200">
              <Icon name="alert" className="mt-px size-3.5" />
              Credentials and data travel unencrypted on this listener.
            </p>
          ) : null}
          {errors.securityProtocol ? <p className="text-xs text-red-600">{errors.securityProtocol}</p> : null}
        </div>
      </FormSection>
      {usesSasl(p) ? <SaslFields {...props} /> : null}
      {usesTls(p) ? <TlsFields {...props} /> : null}
    </>
  );
}
