/** Exports profiles as JSON; secrets only when asked, encrypted with a passphrase. */
import { useState } from 'react';
import { call, fire } from '../../lib/api-client';
import { downloadText } from '../../lib/download';
import { useUi } from '../../stores/ui';
import { Button } from '../../components/Button';
import { Field, Switch, TextInput } from '../../components/controls';
import { Modal } from '../../components/Modal';

export function ExportDialog({ ids, onClose }: { ids?: string[]; onClose: () => void }): React.JSX.Element {
  const [withSecrets, setWithSecrets] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notify = useUi((s) => s.notify);
  const problem = withSecrets
    ? passphrase.length < 8
      ? 'use a passphrase of at least 8 characters'
      : passphrase !== confirm
        ? 'the two passphrases differ'
        : null
    : null;

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const res = await call(
        'profiles.export',
        { ...(ids ? { ids } : {}), ...(withSecrets ? { secrets: { passphrase } } : {}) },
        { quiet: true },
      );
      downloadText(res.fileName, res.json);
      notify('info', 'Profiles exported', `${res.profiles} profile(s) to ${res.fileName}${res.includesSecrets ? ', secrets encrypted' : ', without secrets'}`);
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={ids?.length === 1 ? 'Export profile' : 'Export profiles'}
      onClose={onClose}
      testId="export-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" icon="download" busy={busy} disabled={problem !== null} onClick={() => fire(run())} data-testid="export-run">
            Export
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3 text-[13px]">
        <p className="text-muted">
          A JSON file with {ids ? (ids.length === 1 ? 'this profile' : `${ids.length} profiles`) : 'every profile'} and the tags it uses. Secrets are left out
          unless you include them below.
        </p>
        <label className="flex items-center gap-2">
          <Switch checked={withSecrets} onChange={setWithSecrets} label="Include secrets" />
          Include secrets, encrypted with a passphrase
        </label>
        {withSecrets ? (
          <div className="grid grid-cols-2 gap-3">
            <Field label="Passphrase" help="At least 8 characters; needed to import the secrets." error={passphrase && problem?.includes('8') ? problem : undefined}>
              <TextInput type="password" value={passphrase} autoComplete="new-password" onChange={(e) => setPassphrase(e.target.value)} />
            </Field>
            <Field label="Repeat" error={confirm && problem?.includes('differ') ? problem : undefined}>
              <TextInput type="password" value={confirm} autoComplete="new-password" onChange={(e) => setConfirm(e.target.value)} />
            </Field>
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="text-xs text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
    </Modal>
  );
}
