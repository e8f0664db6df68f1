/**
 * Turns what GSS-API/MIT Kerberos says (the `kerberos` package gives only the text:
 * "<GSS major status>: <mechanism minor status>") into a FailureKind and a sentence that
 * says what is wrong and what to do. The raw Kerberos text is kept at the end.
 */
import type { FailureKind } from '../../connection/failure-kind';

export interface GssapiSetting {
  /** e.g. kafka/broker1.example.com: the service principal without realm. */
  servicePrincipal: string;
  serviceName: string;
  serviceHost: string;
  principal?: string;
  keytab?: string;
  ticketCache?: string;
  krb5ConfPath?: string;
}

export interface GssapiDiagnosis {
  kind: FailureKind;
  message: string;
}

/** The mechanism's own (minor) status: what follows the GSS major status, when there is one. */
export function minorStatus(raw: string): string {
  const text = raw.trim();
  const i = text.indexOf(': ');
  const minor = i >= 0 ? text.slice(i + 2).trim() : '';
  return minor || text;
}

const conf = (s: GssapiSetting): string =>
  s.krb5ConfPath ? `krb5.conf (${s.krb5ConfPath})` : 'krb5.conf (KRB5_CONFIG or /etc/krb5.conf)';

const KEY_MISMATCH =
  /Decrypt integrity check failed|Preauthentication failed|Password incorrect|Key version number for principal in key table is incorrect|Key table entry not found|No key table entry found|KDC has no support for encryption type|Bad encryption type|No supported encryption types|Integrity check on decrypted field failed/i;

const REALM_MISMATCH =
  /Realm not local to KDC|Cannot determine realm for (numeric )?host|Client\/server realm mismatch|Illegal cross-realm ticket|does not specify default realm|KDC reply did not match expectations|Cannot find ticket for requested realm/i;

const NO_CREDENTIALS =
  /No Kerberos credentials available|Can't find client principal|No credentials cache found|Credentials cache( file)? '[^']*' not found|Credentials cache keyring '[^']*' not found|No credentials found with supported encryption types|Key table file '[^']*' not found|Ticket expired|No credentials were supplied/i;

export function classifyGssapiError(raw: string, s: GssapiSetting): GssapiDiagnosis {
  const minor = minorStatus(raw);
  const why = ` (Kerberos: ${minor})`;
  let m: RegExpMatchArray | null;

  // Cross-realm: the KDC has no krbtgt for the realm the broker host maps to.
  if ((m = raw.match(/Server krbtgt\/([^@\s]+)@(\S+) not found in Kerberos database/i))) {
    const [, target, own] = m;
    return {
      kind: 'GSSAPI_WRONG_REALM',
      message:
        `The broker host "${s.serviceHost}" maps to Kerberos realm ${target}, but the client's realm ${own} has no trust with it` +
        ` (Server krbtgt/${target}@${own} not found in Kerberos database). Map the host to the broker principal's realm in the` +
        ` [domain_realm] section of ${conf(s)}, or give the host name the broker's principal uses (serviceHost).${why}`,
    };
  }
  if (
    (m = raw.match(/Server (\S+) not found in Kerberos database/i)) ||
    /Server not found in Kerberos database/i.test(raw)
  ) {
    const principal = m?.[1] ?? s.servicePrincipal;
    return {
      kind: 'GSSAPI_UNKNOWN_SERVICE_PRINCIPAL',
      message:
        `The KDC does not know the broker's service principal ${principal} (Server not found in Kerberos database). Check the` +
        ` service name (now "${s.serviceName}"; the broker's sasl.kerberos.service.name, usually "kafka") and the host name the` +
        ` principal is made from (now "${s.serviceHost}": it must be the name in the broker's keytab, not an IP address or an alias).${why}`,
    };
  }
  if (
    (m = raw.match(/Client '?([^'\s]+)'? not found in Kerberos database/i)) ||
    /Client not found in Kerberos database/i.test(raw)
  ) {
    const principal = m?.[1] ?? s.principal ?? 'the client principal';
    return {
      kind: 'GSSAPI_UNKNOWN_CLIENT',
      message:
        `The KDC does not know the client principal ${principal} (Client not found in Kerberos database): check the principal's` +
        ` name and realm${s.keytab ? `, and that the keytab ${s.keytab} is for a principal that exists (klist -k ${s.keytab})` : ''}.${why}`,
    };
  }
  if (
    (m = raw.match(/Cannot contact any KDC for realm '([^']*)'/i)) ||
    /Cannot contact any KDC|Cannot resolve network address for KDC/i.test(raw)
  ) {
    const realm = m?.[1];
    return {
      kind: 'GSSAPI_KDC_UNREACHABLE',
      message:
        `No KDC${realm ? ` of realm ${realm}` : ''} could be reached: the KDC that ${conf(s)} names` +
        `${realm ? ` under [realms] ${realm}` : ''} is down, or its host/port is wrong, or a firewall blocks it (port 88, TCP and UDP).${why}`,
    };
  }
  if (
    (m = raw.match(/Cannot find KDC for realm "([^"]*)"/i)) ||
    /Cannot find KDC for (requested|invalid) realm/i.test(raw)
  ) {
    const realm = m?.[1];
    return {
      kind: 'GSSAPI_WRONG_REALM',
      message:
        `${conf(s)} names no KDC for realm ${realm ? `"${realm}"` : 'the one asked for'}: the realm in the principal is wrong` +
        ` (realms are usually upper case, e.g. EXAMPLE.COM), or krb5.conf lacks a [realms] entry for it.${why}`,
    };
  }
  if (REALM_MISMATCH.test(raw)) {
    return {
      kind: 'GSSAPI_WRONG_REALM',
      message: `The Kerberos realms don't match: check the realm of the principal, default_realm and [domain_realm] in ${conf(s)}.${why}`,
    };
  }
  if (/Clock skew too great|Ticket not yet valid/i.test(raw)) {
    return {
      kind: 'GSSAPI_CLOCK_SKEW',
      message:
        `This machine's clock differs from the KDC's by more than Kerberos allows (Clock skew too great; 5 minutes by default):` +
        ` synchronize the clocks (NTP).${why}`,
    };
  }
  if (KEY_MISMATCH.test(raw)) {
    return {
      kind: 'GSSAPI_KEY_MISMATCH',
      message:
        `The client's key does not match the one the KDC has for ${s.principal ?? 'the principal'}: ` +
        `${s.keytab ? `the keytab ${s.keytab} is stale (the principal was re-keyed) or was made with another password or encryption type; make a new one` : 'the password or keytab is wrong or stale; kinit again'}.${why}`,
    };
  }
  if (/Ticket expired/i.test(raw)) {
    return {
      kind: 'GSSAPI_NO_CREDENTIALS',
      message: `The Kerberos ticket has expired: run kinit again${s.keytab ? '' : ', or give a keytab so tickets are renewed automatically'}.${why}`,
    };
  }
  if (NO_CREDENTIALS.test(raw)) {
    const who = s.principal ?? 'the client';
    const message = s.keytab
      ? `No Kerberos credentials for ${who}: the keytab ${s.keytab} has no key for ${s.principal ?? 'any principal'}${s.ticketCache ? ` and the ticket cache ${s.ticketCache} holds no ticket for it` : ''}. Check the principal against klist -k ${s.keytab}.${why}`
      : `No Kerberos ticket for ${who}: run kinit${s.principal ? ` ${s.principal}` : ''} first${s.ticketCache ? ` (with KRB5CCNAME=${s.ticketCache})` : ''}, or give a keytab.${why}`;
    return { kind: 'GSSAPI_NO_CREDENTIALS', message };
  }
  return {
    kind: 'SASL_AUTH_FAILED',
    message: `Kerberos (GSSAPI) failed: ${raw.trim() || 'no detail given'}`,
  };
}
