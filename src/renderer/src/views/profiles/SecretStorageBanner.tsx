/** Where secrets are kept, said plainly; consent can be given or withdrawn here. */
import { fire } from '../../lib/api-client';
import { useProfiles } from '../../stores/profiles';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';

export function SecretStorageBanner(): React.JSX.Element | null {
  const status = useProfiles((s) => s.secretStatus);
  const allow = useProfiles((s) => s.allowPlaintext);
  if (!status) return null;
  const safe = status.osKeychainAvailable;
  return (
    <div
      data-testid="secret-storage"
      className={`flex items-center gap-2 border-b px-3 py-1.5 text-xs ${
        safe
          ? 'border-line bg-panel text-muted'
          : 'border-amber-300/60 bg-amber-50 text-amber-900 dark:border-amber-400/20 dark:bg-amber-400/10 dark:text-amber-200'
      }`}
    >
      <Icon name={safe ? 'lock' : 'unlock'} className="size-3.5 shrink-0" />
      <span className="min-w-0 flex-1">
        {status.message}
        {status.problem ? <span className="ml-1 font-medium text-red-700 dark:text-red-300">{status.problem}</span> : null}
      </span>
      {status.consentRequired ? (
        status.allowPlaintextSecrets ? (
          <Button size="xs" variant="ghost" onClick={() => fire(allow(false))} title="Stop storing new secrets without a keychain">
            Withdraw consent
          </Button>
        ) : (
          <Button size="xs" onClick={() => fire(allow(true))} data-testid="allow-plaintext">
            Allow storing with a key file
          </Button>
        )
      ) : null}
    </div>
  );
}

export function StoreProblemBanner(): React.JSX.Element | null {
  const problem = useProfiles((s) => s.problem);
  if (!problem) return null;
  return (
    <div role="alert" className="flex items-start gap-2 border-b border-red-300/60 bg-red-50 px-3 py-1.5 text-xs text-red-900 dark:border-red-400/20 dark:bg-red-400/10 dark:text-red-200">
      <Icon name="alert" className="mt-px size-3.5 shrink-0" />
      <span>
        The profile file could not be used as it was ({problem.kind}): {problem.message}
        {problem.keptAt ? (
          <>
            {' '}
            It was kept as <code className="font-mono">{problem.keptAt}</code>.
          </>
        ) : null}
      </span>
    </div>
  );
}
