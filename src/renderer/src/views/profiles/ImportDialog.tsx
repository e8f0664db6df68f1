/** Imports a profiles JSON file (or pasted JSON); asks for the passphrase when it carries secrets. */
import { useState } from 'react';
import { call, fire } from '../../lib/api-client';
import { useProfiles } from '../../stores/profiles';
import { useUi } from '../../stores/ui';
import { Button } from '../../components/Button';
import { Field, Switch, TextArea, TextInput } from '../../components/controls';
import { Modal } from '../../components/Modal';

function carriesSecrets(json: string): boolean {
  try {
    const doc = JSON.parse(json) as { secrets?: unknown };
    return doc.secrets !== null && doc.secrets !== undefined;
  } catch {
    return false;
  }
}

export function ImportDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const [json, setJson] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [skipSecrets, setSkipSecrets] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notify = useUi((s) => s.notify);
  const load = useProfiles((s) => s.load);
  const secretStatus = useProfiles((s) => s.secretStatus);
  const hasSecrets = carriesSecrets(json);

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const res = await call(
        'profiles.import',
        { json, skipSecrets: hasSecrets ? skipSecrets : false, ...(hasSecrets && !skipSecrets && passphrase ? { passphrase } : {}) },
        { quiet: true },
      );
      notify(
        'info',
        'Profiles imported',
        `${res.imported.length} profile(s)${res.renamed ? `, ${res.renamed} renamed to avoid a clash` : ''}${res.secretsImported ? ', with secrets' : ''}`,
      );
      await load();
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Import profiles"
      onClose={onClose}
      width="max-w-xl"
      testId="import-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" icon="upload" busy={busy} disabled={json.trim().length < 2} onClick={() => fire(run())} data-testid="import-run">
            Import
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3 text-[13px]">
        <Field label="File" help="A JSON file exported by Brokerscope. Profiles whose name is taken are renamed, never overwritten.">
          <input
            type="file"
            accept="application/json,.json"
            className="text-xs file:mr-2 file:h-7 file:rounded-md file:border file:border-line-strong file:bg-raised file:px-2.5 file:text-xs file:text-fg"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              setFileName(f.name);
              fire(f.text().then(setJson));
            }}
          />
        </Field>
        <Field label={fileName ? `Content of ${fileName}` : 'Or paste the JSON'}>
          <TextArea rows={6} value={json} spellCheck={false} onChange={(e) => setJson(e.target.value)} placeholder='{"format": "brokerscope.profiles", …}' />
        </Field>
        {hasSecrets ? (
          <div className="flex flex-col gap-2 rounded-md border border-line bg-panel p-3">
            <p className="text-xs text-muted">This file carries encrypted secrets.</p>
            <label className="flex items-center gap-2 text-xs">
              <Switch checked={skipSecrets} onChange={setSkipSecrets} label="Import without secrets" />
              Import without the secrets
            </label>
            {!skipSecrets ? (
              <Field label="Passphrase" help={secretStatus && !secretStatus.canStoreSecrets ? 'Storing them needs your consent first (no OS keychain): see the banner above the profile list.' : undefined}>
                <TextInput type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
              </Field>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="text-xs break-words text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
    </Modal>
  );
}
