/** Create or edit a profile: validated with the contract's schema as you type, secrets masked. */
import { useMemo, useState } from 'react';
import type { Profile } from '@shared/api/contract';
import { fieldErrors, fire } from '../../lib/api-client';
import { useProfiles } from '../../stores/profiles';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { ConsentDialog } from './ConsentDialog';
import { GeneralFields } from './GeneralFields';
import { SecurityFields } from './SecurityFields';
import { TimeoutFields } from './TimeoutFields';
import { draftFromProfile, emptyDraft, fieldOfPath, hasNewSecrets, toFields, toSecrets, validate, type Draft, type DraftErrors } from './draft';

export function ProfileForm({ profile, copyOf }: { profile: Profile | null; copyOf?: Profile | undefined }): React.JSX.Element {
  const save = useProfiles((s) => s.save);
  const setEditing = useProfiles((s) => s.setEditing);
  const secretStatus = useProfiles((s) => s.secretStatus);
  const [draft, setDraft] = useState<Draft>(() => (profile ? draftFromProfile(profile) : copyOf ? draftFromProfile(copyOf, true) : emptyDraft()));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [askConsent, setAskConsent] = useState(false);
  const stored = useMemo(() => profile?.secretsSet ?? {}, [profile]);
  const localErrors = useMemo(() => validate(draft, stored), [draft, stored]);
  const errors: DraftErrors = submitted ? { ...serverErrors, ...localErrors } : serverErrors;
  const errorCount = Object.keys(localErrors).length;

  const set = (patch: Partial<Draft>): void => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors({});
  };

  const doSave = async (dropSecrets = false): Promise<void> => {
    setBusy(true);
    try {
      const secrets = dropSecrets ? undefined : toSecrets(draft, stored);
      await save(profile?.id ?? null, toFields(draft), secrets);
    } catch (err) {
      const message = (err as Error).message;
      const mapped: DraftErrors = {};
      for (const [path, msg] of fieldErrors(message)) mapped[fieldOfPath(path)] ??= msg;
      if (Object.keys(mapped).length === 0) mapped.form = message;
      setServerErrors(mapped);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (): void => {
    setSubmitted(true);
    if (errorCount > 0) return;
    if (hasNewSecrets(toSecrets(draft, stored)) && secretStatus && !secretStatus.canStoreSecrets) {
      setAskConsent(true);
      return;
    }
    fire(doSave());
  };

  const title = profile ? `Edit ${profile.name}` : copyOf ? `New profile from ${copyOf.name}` : 'New profile';
  return (
    <form
      className="flex min-h-0 flex-1 flex-col"
      aria-label={title}
      data-testid="profile-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target as HTMLElement).closest('[role="dialog"]')) setEditing({ mode: 'none' });
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onSubmit();
        }
      }}
    >
      <header className="flex h-11 shrink-0 items-center gap-2 border-b border-line px-4">
        <h2 className="text-[15px] font-semibold">{title}</h2>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        <div className="mx-auto flex max-w-3xl flex-col gap-3 p-4">
          <GeneralFields draft={draft} set={set} errors={errors} stored={stored} />
          <SecurityFields draft={draft} set={set} errors={errors} stored={stored} />
          <TimeoutFields draft={draft} set={set} errors={errors} stored={stored} />
        </div>
      </div>
      <footer className="flex h-12 shrink-0 items-center gap-2 border-t border-line px-4">
        {errors.form ? (
          <span role="alert" className="flex min-w-0 items-center gap-1.5 text-xs text-red-600 dark:text-red-400">
            <Icon name="alert" className="size-3.5" />
            <span className="truncate" title={errors.form}>
              {errors.form}
            </span>
          </span>
        ) : submitted && errorCount > 0 ? (
          <span className="flex items-center gap-1.5 text-xs text-red-600 dark:text-red-400" data-testid="form-error-count">
            <Icon name="alert" className="size-3.5" />
            {errorCount === 1 ? '1 field needs attention' : `${errorCount} fields need attention`}
          </span>
        ) : (
          <span className="text-xs text-faint">Ctrl+Enter saves · Esc cancels</span>
        )}
        <div className="ml-auto flex gap-2">
          <Button onClick={() => setEditing({ mode: 'none' })}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="profile-save">
            {profile ? 'Save' : 'Create profile'}
          </Button>
        </div>
      </footer>
      {askConsent && secretStatus ? (
        <ConsentDialog
          status={secretStatus}
          onCancel={() => setAskConsent(false)}
          onWithout={() => {
            setAskConsent(false);
            fire(doSave(true));
          }}
          onAgree={() => {
            setAskConsent(false);
            fire(
              useProfiles
                .getState()
                .allowPlaintext(true)
                .then(() => doSave()),
            );
          }}
        />
      ) : null}
    </form>
  );
}
