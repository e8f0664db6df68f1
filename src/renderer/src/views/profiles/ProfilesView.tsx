/** Profiles: the list on the left; the selected profile, or the form, on the right. */
import { useState } from 'react';
import { useProfiles } from '../../stores/profiles';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ProfileDetails } from './ProfileDetails';
import { ProfileForm } from './ProfileForm';
import { ProfileList } from './ProfileList';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { SecretStorageBanner, StoreProblemBanner } from './SecretStorageBanner';

export function ProfilesView(): React.JSX.Element {
  const profiles = useProfiles((s) => s.profiles);
  const loaded = useProfiles((s) => s.loaded);
  const selectedId = useProfiles((s) => s.selectedId);
  const editing = useProfiles((s) => s.editing);
  const setEditing = useProfiles((s) => s.setEditing);
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null);
  const selected = profiles.find((p) => p.id === selectedId) ?? null;
  const editingProfile = editing.mode === 'edit' ? (profiles.find((p) => p.id === editing.id) ?? null) : null;

  let right: React.JSX.Element;
  if (editing.mode === 'create') right = <ProfileForm key={`new-${editing.from?.id ?? ''}`} profile={null} copyOf={editing.from} />;
  else if (editingProfile) right = <ProfileForm key={editingProfile.id} profile={editingProfile} />;
  else if (selected) right = <ProfileDetails p={selected} />;
  else
    right = (
      <EmptyState
        icon="layers"
        title={loaded ? 'Create your first connection profile' : 'Loading profiles…'}
        testId="profiles-empty"
        actions={
          loaded ? (
            <>
              <Button variant="primary" icon="plus" onClick={() => setEditing({ mode: 'create' })}>
                New profile
              </Button>
              <Button icon="upload" onClick={() => setDialog('import')}>
                Import
              </Button>
            </>
          ) : null
        }
      >
        A profile says where a Kafka cluster is (bootstrap servers) and how to reach it: security protocol, SASL credentials, TLS certificates. Connect
        it to watch every handshake step, the negotiated API versions, in-flight requests and each close.
      </EmptyState>
    );

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <StoreProblemBanner />
      <SecretStorageBanner />
      <div className="flex min-h-0 flex-1">
        <aside className="flex w-80 shrink-0 flex-col border-r border-line" aria-label="Profile list">
          <div className="flex h-10 shrink-0 items-center gap-1.5 border-b border-line px-2">
            <span className="px-1 text-[13px] font-semibold">Profiles</span>
            <div className="ml-auto flex gap-1">
              <Button size="xs" variant="primary" icon="plus" onClick={() => setEditing({ mode: 'create' })} data-testid="profile-new">
                New
              </Button>
              <Button size="xs" icon="upload" onClick={() => setDialog('import')} data-testid="profile-import">
                Import
              </Button>
              <Button size="xs" icon="download" disabled={profiles.length === 0} onClick={() => setDialog('export')} data-testid="profile-export-all">
                Export
              </Button>
            </div>
          </div>
          <ProfileList />
        </aside>
        <section className="flex min-w-0 flex-1 flex-col" aria-label="Profile">
          {right}
        </section>
      </div>
      {dialog === 'import' ? <ImportDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'export' ? <ExportDialog onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
