/** Asked once where no OS keychain exists: store secrets protected only by a key file? */
import type { SecretStorageStatus } from '@shared/api/contract';
import { Button } from '../../components/Button';
import { Modal } from '../../components/Modal';

export function ConsentDialog({
  status,
  onAgree,
  onWithout,
  onCancel,
}: {
  status: SecretStorageStatus;
  onAgree: () => void;
  onWithout: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  return (
    <Modal
      title="Store secrets without an OS keychain?"
      onClose={onCancel}
      testId="consent-dialog"
      footer={
        <>
          <Button onClick={onCancel}>Cancel</Button>
          <Button onClick={onWithout}>Save without secrets</Button>
          <Button variant="primary" onClick={onAgree} data-testid="consent-agree">
            Store them with a key file
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-2 text-[13px] leading-relaxed">
        <p>
          No operating-system keychain is available here{status.keychainBackend ? ` (${status.keychainBackend})` : ''}. Brokerscope can keep
          this profile&apos;s secrets encrypted with a key file stored beside them.
        </p>
        <p className="text-muted">
          That stops casual reads and accidental sharing of the data folder&apos;s secrets file, but anyone who can read your user folder can
          decrypt them. You can withdraw this later in Profiles (secret storage). &quot;Save without secrets&quot; keeps the profile and asks for
          nothing to be stored; connecting will then say which secret is missing.
        </p>
      </div>
    </Modal>
  );
}
