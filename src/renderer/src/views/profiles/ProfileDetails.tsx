/** One profile, read-only: its settings at a glance (secrets masked) and what you can do with it. */
import { useState, type ReactNode } from 'react';
import type { Profile } from '@shared/api/contract';
import type { SecretField } from '@shared/api/profile-schema';
import { fire } from '../../lib/api-client';
import { fmtDateTime } from '../../lib/format';
import { sessionTone } from '../../lib/tone';
import { useProfiles } from '../../stores/profiles';
import { useSessions } from '../../stores/sessions';
import { useUi } from '../../stores/ui';
import { Badge, Dot, TagChip } from '../../components/Badge';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ExportDialog } from './ExportDialog';

function Row({ label, children }: { label: string; children: ReactNode }): React.JSX.Element {
  return (
    <div className="grid grid-cols-[180px_1fr] gap-3 border-b border-line py-1.5 last:border-0">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="min-w-0 text-[13px] break-words">{children}</dd>
    </div>
  );
}

function Mono({ children }: { children: ReactNode }): React.JSX.Element {
  return <span className="font-mono text-xs">{children}</span>;
}

function Secret({ p, field }: { p: Profile; field: SecretField }): React.JSX.Element {
  return p.secretsSet[field] ? (
    <span className="inline-flex items-center gap-1.5 font-mono text-xs tracking-widest text-muted">
      •••••••• <span className="font-sans text-[11px] tracking-normal text-faint">stored</span>
    </span>
  ) : (
    <span className="text-xs text-amber-700 dark:text-amber-400">not stored</span>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }): React.JSX.Element {
  return (
    <section className="rounded-lg border border-line bg-raised">
      <h3 className="flex h-8 items-center border-b border-line px-3 text-xs font-semibold tracking-wide text-muted uppercase">{title}</h3>
      <dl className="px-3 py-1">{children}</dl>
    </section>
  );
}

const off = (text: string): React.JSX.Element => (
  <Badge tone="err">
    <Icon name="alert" className="size-3" />
    {text}
  </Badge>
);

export function ProfileDetails({ p }: { p: Profile }): React.JSX.Element {
  const tags = useProfiles((s) => s.tags);
  const setEditing = useProfiles((s) => s.setEditing);
  const duplicate = useProfiles((s) => s.duplicate);
  const remove = useProfiles((s) => s.remove);
  const session = useSessions((s) => s.summaries.find((x) => x.profileId === p.id) ?? null);
  const connecting = useSessions((s) => !!s.connecting[p.id]);
  const connect = useSessions((s) => s.connect);
  const setActive = useSessions((s) => s.setActive);
  const setView = useUi((s) => s.setView);
  const openTroubleshoot = useUi((s) => s.openTroubleshoot);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [exporting, setExporting] = useState(false);
  const live = session && (session.status === 'connected' || session.status === 'connecting');
  const t = p.tls;
  const s = p.sasl;

  const onConnect = async (): Promise<void> => {
    if (live && session) {
      setActive(session.sessionId);
      setView('overview');
      return;
    }
    const id = await connect(p.id);
    if (id) setView('overview');
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="profile-details">
      <header className="flex shrink-0 items-center gap-3 border-b border-line px-4 py-2">
        <div className="flex min-w-0 flex-col">
          <span className="flex items-center gap-2">
            <h2 className="truncate text-[15px] font-semibold">{p.name}</h2>
            {p.tagIds.map((id) => {
              const tag = tags.find((x) => x.id === id);
              return tag ? <TagChip key={id} name={tag.name} color={tag.color} /> : null;
            })}
          </span>
          <span className="flex items-center gap-1.5 text-xs text-muted">
            <span className="font-mono">
              {p.securityProtocol}
              {p.sasl ? ` · ${p.sasl.mechanism}` : ''}
            </span>
            {session ? (
              <>
                ·
                <Dot tone={sessionTone(session.status)} />
                session {session.status}
              </>
            ) : null}
          </span>
        </div>
        <div className="ml-auto flex shrink-0 gap-1.5">
          <Button variant="primary" icon="plug" busy={connecting} onClick={() => fire(onConnect())} data-testid="profile-connect">
            {live ? 'Open session' : 'Connect'}
          </Button>
          <Button icon="stethoscope" onClick={() => openTroubleshoot(p.id)} data-testid="profile-troubleshoot">
            Troubleshoot
          </Button>
          <Button onClick={() => setEditing({ mode: 'edit', id: p.id })} data-testid="profile-edit">
            Edit
          </Button>
          <Button icon="copy" onClick={() => fire(duplicate(p.id))} data-testid="profile-duplicate" title="Duplicate (secrets are copied too)">
            Duplicate
          </Button>
          <Button icon="download" onClick={() => setExporting(true)} title="Export this profile as JSON">
            Export
          </Button>
          <IconButton icon="trash" label="Delete profile" onClick={() => setConfirmDelete(true)} data-testid="profile-delete" className="text-red-600 hover:bg-red-50 hover:text-red-700 dark:text-red-400 dark:hover:bg-red-400/10" />
        </div>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        <div className="mx-auto flex max-w-3xl flex-col gap-3 p-4">
          {session?.error ? (
            <div role="alert" className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-xs text-red-900 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200">
              <Icon name="alert" className="mt-px size-3.5 shrink-0" />
              <span>
                Last connect failed: {session.error}{' '}
                <button type="button" className="font-medium underline" onClick={() => openTroubleshoot(p.id)}>
                  Troubleshoot
                </button>
              </span>
            </div>
          ) : null}
          <Block title="Connection">
            <Row label="Bootstrap servers">
              <Mono>{p.bootstrapServers.join(', ')}</Mono>
            </Row>
            <Row label="Client id">
              <Mono>{p.clientId || '—'}</Mono>
            </Row>
            <Row label="Security protocol">
              <Badge tone={p.securityProtocol === 'PLAINTEXT' || p.securityProtocol === 'SASL_PLAINTEXT' ? 'warn' : 'ok'} mono>
                {p.securityProtocol}
              </Badge>
            </Row>
          </Block>
          {s ? (
            <Block title="SASL">
              <Row label="Mechanism">
                <Mono>{s.mechanism}</Mono>
              </Row>
              {s.mechanism === 'PLAIN' || s.mechanism === 'SCRAM-SHA-256' || s.mechanism === 'SCRAM-SHA-512' ? (
                <>
                  <Row label="User name">
                    <Mono>{s.username}</Mono>
                  </Row>
                  <Row label="Password">
                    <Secret p={p} field="saslPassword" />
                  </Row>
                </>
              ) : null}
              {s.mechanism === 'OAUTHBEARER' ? (
                s.oauth.mode === 'static' ? (
                  <Row label="Token">
                    <Secret p={p} field="oauthToken" />
                  </Row>
                ) : (
                  <>
                    <Row label="Token endpoint">
                      <Mono>{s.oauth.tokenEndpoint}</Mono>
                    </Row>
                    <Row label="Client id">
                      <Mono>{s.oauth.clientId}</Mono>
                    </Row>
                    <Row label="Client secret">
                      <Secret p={p} field="oidcClientSecret" />
                    </Row>
                  </>
                )
              ) : null}
              {s.mechanism === 'GSSAPI' ? (
                <>
                  <Row label="Service">
                    <Mono>
                      {s.serviceName}/{s.serviceHost ?? '‹broker host›'}
                    </Mono>
                  </Row>
                  <Row label="Principal">
                    <Mono>{s.principal ?? 'default'}</Mono>
                  </Row>
                  <Row label="Credentials">
                    <Mono>{s.keytabPath ? `keytab ${s.keytabPath}` : `ticket cache ${s.ticketCache ?? '(default)'}`}</Mono>
                  </Row>
                </>
              ) : null}
            </Block>
          ) : null}
          {p.securityProtocol === 'SSL' || p.securityProtocol === 'SASL_SSL' ? (
            <Block title="TLS">
              <Row label="Trusted CA">
                {t?.ca ? t.ca.kind === 'file' ? <Mono>{t.ca.path}</Mono> : 'pasted PEM' : 'system store'}
              </Row>
              <Row label="Client certificate">
                {t?.pkcs12Path ? (
                  <span>
                    PKCS#12 <Mono>{t.pkcs12Path}</Mono> · password <Secret p={p} field="pkcs12Passphrase" />
                  </span>
                ) : t?.cert ? (
                  <span className="flex flex-col gap-0.5">
                    <span>cert {t.cert.kind === 'file' ? <Mono>{t.cert.path}</Mono> : 'pasted PEM'}</span>
                    <span>key {t.key?.kind === 'file' ? <Mono>{t.key.path}</Mono> : <Secret p={p} field="tlsKeyPem" />}</span>
                  </span>
                ) : (
                  'none'
                )}
              </Row>
              <Row label="Server name (SNI)">
                <Mono>{t?.servername ?? '(the bootstrap host)'}</Mono>
              </Row>
              <Row label="Verification">
                <span className="flex flex-wrap gap-1.5">
                  {t && !t.verifyCertificate ? off('certificate NOT verified') : <Badge tone="ok">certificate verified</Badge>}
                  {t && !t.verifyHostname ? off('hostname NOT verified') : <Badge tone="ok">hostname verified</Badge>}
                </span>
              </Row>
            </Block>
          ) : null}
          <Block title="Timeouts">
            <Row label="Connect">
              <Mono>{p.timeouts.connectTimeoutMs ? `${p.timeouts.connectTimeoutMs} ms` : 'default (10 000 ms)'}</Mono>
            </Row>
            <Row label="Request">
              <Mono>{p.timeouts.requestTimeoutMs ? `${p.timeouts.requestTimeoutMs} ms` : 'default (30 000 ms)'}</Mono>
            </Row>
            <Row label="Idle close">
              <Mono>{p.timeouts.maxIdleMs ? `${p.timeouts.maxIdleMs} ms` : 'never'}</Mono>
            </Row>
          </Block>
          <p className="text-[11px] text-faint">
            Created {fmtDateTime(p.createdAt)} · updated {fmtDateTime(p.updatedAt)} · id <span className="font-mono">{p.id}</span>
          </p>
        </div>
      </div>
      {confirmDelete ? (
        <ConfirmDialog
          title={`Delete ${p.name}?`}
          confirm="Delete profile"
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            fire(remove(p.id));
          }}
        >
          The profile and its stored secrets are removed. A running session for it keeps going until you disconnect it.
        </ConfirmDialog>
      ) : null}
      {exporting ? <ExportDialog ids={[p.id]} onClose={() => setExporting(false)} /> : null}
    </div>
  );
}
