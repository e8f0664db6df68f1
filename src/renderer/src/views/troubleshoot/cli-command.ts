import type { Profile } from '@shared/api/contract';

const q = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The `brokerscope probe` command that checks the same thing from a terminal (secrets from an env var). */
export function probeCommand(p: Profile): string {
  const args = ['npx brokerscope probe', '-b', q(p.bootstrapServers.join(',')), '--security-protocol', p.securityProtocol];
  const s = p.sasl;
  if (s) {
    args.push('--sasl-mechanism', s.mechanism);
    if (s.mechanism === 'PLAIN' || s.mechanism === 'SCRAM-SHA-256' || s.mechanism === 'SCRAM-SHA-512') args.push('--username', q(s.username), '--password-env', 'KAFKA_PASSWORD');
  }
  const t = p.tls;
  if (t?.ca?.kind === 'file') args.push('--ca', q(t.ca.path));
  if (t?.cert?.kind === 'file') args.push('--cert', q(t.cert.path));
  if (t?.key?.kind === 'file') args.push('--key', q(t.key.path));
  if (t?.servername) args.push('--servername', q(t.servername));
  if (t && !t.verifyCertificate) args.push('--insecure-skip-verify');
  return args.join(' ');
}
