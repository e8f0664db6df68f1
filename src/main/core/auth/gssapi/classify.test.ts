import { describe, expect, it } from 'vitest';
import { classifyGssapiError, minorStatus, type GssapiSetting } from './classify';

const setting: GssapiSetting = {
  servicePrincipal: 'kafka/localhost',
  serviceName: 'kafka',
  serviceHost: 'localhost',
  principal: 'client@BROKERSCOPE.TEST',
  keytab: '/k/client.keytab',
  krb5ConfPath: '/k/krb5.conf',
};

// The texts MIT Kerberos 1.20 gives through the `kerberos` package (seen against the harness KDC).
const NO_CREDS = 'No credentials were supplied, or the credentials were unavailable or inaccessible';
const UNSPEC = 'Unspecified GSS failure.  Minor code may provide more information';

describe('classifyGssapiError', () => {
  it.each([
    [
      `${UNSPEC}: Server nosuch/localhost@BROKERSCOPE.TEST not found in Kerberos database`,
      'GSSAPI_UNKNOWN_SERVICE_PRINCIPAL',
      /nosuch\/localhost@BROKERSCOPE.TEST \(Server not found in Kerberos database\)/,
    ],
    [
      `${NO_CREDS}: Client 'ghost@BROKERSCOPE.TEST' not found in Kerberos database`,
      'GSSAPI_UNKNOWN_CLIENT',
      /client principal ghost@BROKERSCOPE.TEST/,
    ],
    [
      `${NO_CREDS}: Cannot contact any KDC for realm 'BROKERSCOPE.TEST'`,
      'GSSAPI_KDC_UNREACHABLE',
      /KDC of realm BROKERSCOPE.TEST could be reached.*\/k\/krb5.conf/,
    ],
    [
      `${UNSPEC}: Server krbtgt/OTHER.REALM@BROKERSCOPE.TEST not found in Kerberos database`,
      'GSSAPI_WRONG_REALM',
      /maps to Kerberos realm OTHER.REALM.*BROKERSCOPE.TEST has no trust/,
    ],
    [
      `${NO_CREDS}: Cannot find KDC for realm "OTHER.REALM"`,
      'GSSAPI_WRONG_REALM',
      /names no KDC for realm "OTHER.REALM"/,
    ],
    [`${UNSPEC}: Realm not local to KDC`, 'GSSAPI_WRONG_REALM', /realms don't match/],
    [`${UNSPEC}: Clock skew too great`, 'GSSAPI_CLOCK_SKEW', /clock.*NTP/],
    [`${NO_CREDS}: Clock skew too great in KDC reply`, 'GSSAPI_CLOCK_SKEW', /Clock skew too great/],
    [
      `${NO_CREDS}: No Kerberos credentials available (default cache: FILE:/tmp/krb5cc_0)`,
      'GSSAPI_NO_CREDENTIALS',
      /No Kerberos credentials for client@BROKERSCOPE.TEST/,
    ],
    [
      `${NO_CREDS}: Can't find client principal other@BROKERSCOPE.TEST in cache collection`,
      'GSSAPI_NO_CREDENTIALS',
      /keytab \/k\/client.keytab has no key/,
    ],
    [`${UNSPEC}: Ticket expired`, 'GSSAPI_NO_CREDENTIALS', /expired: run kinit again/],
    [`${NO_CREDS}: Decrypt integrity check failed`, 'GSSAPI_KEY_MISMATCH', /stale/],
    [`${NO_CREDS}: Preauthentication failed`, 'GSSAPI_KEY_MISMATCH', /does not match/],
    ['Something else entirely', 'SASL_AUTH_FAILED', /^Kerberos \(GSSAPI\) failed: Something else entirely$/],
  ])('%s → %s', (raw, kind, message) => {
    const d = classifyGssapiError(raw, setting);
    expect(d.kind).toBe(kind);
    expect(d.message).toMatch(message);
  });

  it('says kinit when there is no keytab', () => {
    const d = classifyGssapiError(
      `${NO_CREDS}: No Kerberos credentials available (default cache: FILE:/tmp/krb5cc_0)`,
      {
        ...setting,
        keytab: undefined,
        principal: undefined,
      },
    );
    expect(d.kind).toBe('GSSAPI_NO_CREDENTIALS');
    expect(d.message).toMatch(/No Kerberos ticket for the client: run kinit first, or give a keytab/);
    expect(d.message).toContain('default cache: FILE:/tmp/krb5cc_0');
  });

  it('keeps the Kerberos text at the end, without the GSS major status', () => {
    expect(minorStatus(`${UNSPEC}: Clock skew too great`)).toBe('Clock skew too great');
    expect(minorStatus('plain')).toBe('plain');
    expect(classifyGssapiError(`${UNSPEC}: Clock skew too great`, setting).message).toMatch(
      /\(Kerberos: Clock skew too great\)$/,
    );
  });
});
