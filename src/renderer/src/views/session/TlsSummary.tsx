/** Protocol, cipher, verification, and the certificate chain with expiry warnings. */
import type { KafkaEvent } from '@shared/api/contract';
import { commonName, daysUntil, fmtDate, fmtMs } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { Badge } from '../../components/Badge';

type TlsEvent = Extract<KafkaEvent, { type: 'tls' }>;

function Expiry({ validTo, now }: { validTo: string; now: number }): React.JSX.Element {
  const days = daysUntil(validTo, now);
  if (days < 0) return <Badge tone="err">expired {fmtDate(validTo)}</Badge>;
  if (days < 30) return <Badge tone="warn">expires in {days} d</Badge>;
  return (
    <span className="num text-[11px] text-muted" title={validTo}>
      until {fmtDate(validTo)} ({days} d)
    </span>
  );
}

export function TlsSummary({ tls }: { tls: TlsEvent | null }): React.JSX.Element {
  const now = useNow(60_000);
  if (!tls) return <p className="text-xs text-faint">No TLS handshake seen on this connection yet.</p>;
  return (
    <div className="flex flex-col gap-1.5 text-xs" data-testid="tls-summary">
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone="tls" mono>
          {tls.protocol ?? 'TLS'}
        </Badge>
        <span className="font-mono text-[11px]" title={tls.cipher ?? ''}>
          {tls.cipherStandardName ?? tls.cipher ?? 'unknown cipher'}
        </span>
        <span className="num text-[11px] text-muted">{fmtMs(tls.ms)}</span>
        {tls.authorized ? <Badge tone="ok">chain verified</Badge> : <Badge tone="err" title={tls.authorizationError ?? ''}>NOT verified{tls.authorizationError ? `: ${tls.authorizationError}` : ''}</Badge>}
        {tls.hostnameVerified ? <Badge tone="ok">hostname ok</Badge> : <Badge tone="warn">hostname not verified</Badge>}
        {tls.servername ? <span className="text-[11px] text-muted">SNI <span className="font-mono">{tls.servername}</span></span> : null}
        {tls.keyLogEnabled ? <Badge tone="warn">key log on</Badge> : null}
      </div>
      <ol className="flex flex-col gap-px rounded border border-line" aria-label="Certificate chain">
        {tls.peerChain.map((c, i) => (
          <li key={c.fingerprint256} className="flex items-center gap-2 px-2 py-1 odd:bg-panel" title={`subject: ${c.subject}\nissuer: ${c.issuer}\nSANs: ${c.subjectAltNames.join(', ')}\nserial: ${c.serialNumber}\nSHA-256: ${c.fingerprint256}`}>
            <span className="num w-4 text-faint">{i}</span>
            <span className="min-w-0 flex-1 truncate">
              <span className="font-medium">{commonName(c.subject)}</span>
              <span className="text-muted"> ← {c.selfSigned ? 'self-signed' : commonName(c.issuer)}</span>
              {c.subjectAltNames.length > 0 && i === 0 ? <span className="ml-1 font-mono text-[10.5px] text-faint">{c.subjectAltNames.join(' ')}</span> : null}
            </span>
            <Expiry validTo={c.validTo} now={now} />
          </li>
        ))}
        {tls.peerChain.length === 0 ? <li className="px-2 py-1 text-faint">The broker sent no certificate.</li> : null}
      </ol>
    </div>
  );
}
