import { Field, Segmented, Switch, TextArea, TextInput, useFieldId } from '../../components/controls';
import { Icon } from '../../components/Icon';
import { FormSection } from './FormSection';
import { SecretInput } from './SecretInput';
import { help } from './help';
import type { CaMode, ClientCertMode } from './draft';
import type { FormPartProps } from './form-types';

function PathInput({ k, label, props, placeholder }: { k: 'caPath' | 'certPath' | 'keyPath' | 'pkcs12Path'; label: string; props: FormPartProps; placeholder: string }): React.JSX.Element {
  const id = useFieldId(k);
  const helpText = k === 'caPath' ? help.ca.file : help[k];
  return (
    <Field label={label} help={helpText} error={props.errors[k]} htmlFor={id}>
      <TextInput
        id={id}
        value={props.draft[k]}
        invalid={!!props.errors[k]}
        spellCheck={false}
        placeholder={placeholder}
        className="font-mono text-xs"
        data-testid={`field-${k}`}
        onChange={(e) => props.set({ [k]: e.target.value })}
      />
    </Field>
  );
}

function PemInput({ k, label, props, helpText }: { k: 'caPem' | 'certPem'; label: string; props: FormPartProps; helpText: string }): React.JSX.Element {
  const id = useFieldId(k);
  return (
    <Field label={label} help={helpText} error={props.errors[k]} htmlFor={id}>
      <TextArea
        id={id}
        rows={4}
        value={props.draft[k]}
        invalid={!!props.errors[k]}
        spellCheck={false}
        placeholder="-----BEGIN CERTIFICATE-----"
        onChange={(e) => props.set({ [k]: e.target.value })}
      />
    </Field>
  );
}

function Warning({ children, testId }: { children: string; testId: string }): React.JSX.Element {
  return (
    <p
      role="note"
      data-testid={testId}
      className="flex items-start gap-1.5 rounded-md border border-red-300 bg-red-50 px-2 py-1.5 text-xs text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200"
    >
      <Icon name="alert" className="mt-px size-3.5 shrink-0" />
      {children}
    </p>
  );
}

export function TlsFields(props: FormPartProps): React.JSX.Element {
  const { draft, set, errors } = props;
  const snId = useFieldId('servername');
  return (
    <FormSection title="TLS">
      <div className="flex flex-col gap-4">
        <div className="flex flex-col gap-2">
          <span className="text-xs font-medium">Trusted CA</span>
          <Segmented<CaMode>
            label="Trusted CA"
            value={draft.caMode}
            onChange={(caMode) => set({ caMode })}
            options={[
              { value: 'system', label: 'System store' },
              { value: 'file', label: 'CA file' },
              { value: 'pem', label: 'Paste PEM' },
            ]}
          />
          {draft.caMode === 'system' ? <p className="text-[11.5px] text-muted">{help.ca.system}</p> : null}
          {draft.caMode === 'file' ? <PathInput k="caPath" label="CA file (PEM)" placeholder="/etc/kafka/ca.pem" props={props} /> : null}
          {draft.caMode === 'pem' ? <PemInput k="caPem" label="CA certificate(s)" helpText={help.ca.pem} props={props} /> : null}
        </div>

        <div className="flex flex-col gap-2">
          <span className="text-xs font-medium">Client certificate (mTLS)</span>
          <Segmented<ClientCertMode>
            label="Client certificate"
            value={draft.clientCertMode}
            onChange={(clientCertMode) => set({ clientCertMode })}
            options={[
              { value: 'none', label: 'None' },
              { value: 'files', label: 'PEM files' },
              { value: 'pem', label: 'Paste PEM' },
              { value: 'pkcs12', label: 'PKCS#12' },
            ]}
          />
          <p className="text-[11.5px] text-muted">{help.clientCert[draft.clientCertMode]}</p>
          {draft.clientCertMode === 'files' ? (
            <div className="grid grid-cols-2 gap-x-4 gap-y-3">
              <PathInput k="certPath" label="Certificate file" placeholder="/etc/kafka/client.pem" props={props} />
              <PathInput k="keyPath" label="Private key file" placeholder="/etc/kafka/client.key" props={props} />
              <SecretInput {...props} field="tlsKeyPassphrase" label="Key passphrase" help={help.tlsKeyPassphrase} optional />
            </div>
          ) : null}
          {draft.clientCertMode === 'pem' ? (
            <div className="grid grid-cols-2 gap-x-4 gap-y-3">
              <PemInput k="certPem" label="Certificate" helpText={help.certPem} props={props} />
              <SecretInput {...props} field="tlsKeyPem" label="Private key" help={help.tlsKeyPem} multiline />
              <SecretInput {...props} field="tlsKeyPassphrase" label="Key passphrase" help={help.tlsKeyPassphrase} optional />
            </div>
          ) : null}
          {draft.clientCertMode === 'pkcs12' ? (
            <div className="grid grid-cols-2 gap-x-4 gap-y-3">
              <PathInput k="pkcs12Path" label="PKCS#12 file" placeholder="/etc/kafka/client.p12" props={props} />
              <SecretInput {...props} field="pkcs12Passphrase" label="Bundle password" help={help.pkcs12Passphrase} optional />
            </div>
          ) : null}
        </div>

        <Field label="Server name (SNI)" help={help.servername} error={errors.servername} htmlFor={snId} optional>
          <TextInput
            id={snId}
            value={draft.servername}
            spellCheck={false}
            placeholder="broker.example.com"
            className="w-80 font-mono text-xs"
            onChange={(e) => set({ servername: e.target.value })}
          />
        </Field>

        <div className="flex flex-col gap-2">
          <label className="flex items-center gap-2 text-[13px]">
            <Switch checked={draft.verifyCertificate} onChange={(verifyCertificate) => set({ verifyCertificate })} label="Verify the certificate" testId="verify-certificate" />
            Verify the certificate chain
            <span className="text-xs text-muted">— {help.verifyCertificate}</span>
          </label>
          {!draft.verifyCertificate ? <Warning testId="warn-verify-certificate">{help.verifyCertificateOff}</Warning> : null}
          <label className="flex items-center gap-2 text-[13px]">
            <Switch checked={draft.verifyHostname} onChange={(verifyHostname) => set({ verifyHostname })} label="Verify the hostname" testId="verify-hostname" />
            Verify the hostname
            <span className="text-xs text-muted">— {help.verifyHostname}</span>
          </label>
          {!draft.verifyHostname ? <Warning testId="warn-verify-hostname">{help.verifyHostnameOff}</Warning> : null}
        </div>
      </div>
    </FormSection>
  );
}
