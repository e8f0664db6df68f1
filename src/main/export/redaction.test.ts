import { describe, expect, it } from 'vitest';
import type { ConnectionEvent, PoolEvent } from '../core';
import { ApiKey, decodeResponse, encodeResponseFrame } from '../core/protocol';
import { Redactor, REDACTED } from './redaction';

const stamp = { seq: 1, time: 1, mono: 1, connectionId: 'c1', nodeId: null } as const;

function dns(broker: string, host: string, address: string): ConnectionEvent {
  return {
    ...stamp,
    broker,
    type: 'dns',
    host,
    addresses: [{ address, family: address.includes(':') ? 6 : 4 }],
    ms: 1,
  };
}

describe('Redactor: secrets', () => {
  const r = new Redactor({ secrets: ['hunter2-secret', 'ab'] });

  it.each([
    ['a JWT', 'token eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0. rejected', 'token [REDACTED:jwt] rejected'],
    ['a bearer token', 'Authorization: Bearer abc.def-ghi', `Authorization: Bearer ${REDACTED}`],
    ['an RFC 7628 message', 'n,,\x01auth=Bearer xyz\x01\x01', `n,,\x01auth=Bearer ${REDACTED}\x01\x01`],
    [
      'a SCRAM client-final proof',
      'c=biws,r=abcdefabcdefabcdef,p=dGhpcyBpcyBhIHByb29mIHZhbHVl',
      `c=biws,r=abcdefabcdefabcdef,p=${REDACTED}`,
    ],
    ['a SCRAM server signature', 'v=c2VydmVyIHNpZ25hdHVyZSB2YWx1ZQ==', `v=${REDACTED}`],
    [
      'key=value passwords',
      'password=s3cr3t; client_secret: "xyz"',
      `password=${REDACTED}; client_secret: "${REDACTED}"`,
    ],
    [
      'a PEM private key',
      'key -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- end',
      'key [REDACTED:private-key] end',
    ],
    ['a known secret', 'the password hunter2-secret was wrong', `the password ${REDACTED} was wrong`],
  ])('scrubs %s from text', (_what, input, expected) => {
    expect(r.text(input)).toBe(expected);
  });

  it('ignores known secrets shorter than 3 characters (they would shred ordinary text)', () => {
    expect(r.text('absolutely')).toBe('absolutely');
  });

  it('blanks fields named like secrets, whatever they hold', () => {
    expect(r.value({ detail: { password: 'x', tokenSource: 'static', clientSecret: 'y' } })).toEqual({
      detail: { password: REDACTED, tokenSource: 'static', clientSecret: REDACTED },
    });
  });

  it('blanks known secrets and bearer tokens inside frame bytes, keeping the length', () => {
    const frame = Buffer.concat([
      Buffer.from([0, 0, 0, 40]),
      Buffer.from('....hunter2-secret....auth=Bearer tok\x01..'),
    ]);
    const out = r.frameBytes('out', 36, 2, frame);
    expect(out.length).toBe(frame.length);
    expect(out.toString('latin1')).not.toContain('hunter2-secret');
    expect(out.toString('latin1')).not.toContain('Bearer tok');
  });
});

describe('Redactor: host masking', () => {
  const events: (ConnectionEvent | PoolEvent)[] = [
    dns('kafka-1.corp.example:9093', 'kafka-1.corp.example', '192.168.7.21'),
    {
      ...stamp,
      broker: 'kafka-1.corp.example:9093',
      type: 'tcp.connected',
      remoteAddress: '192.168.7.21',
      remotePort: 9093,
      localAddress: '192.168.7.5',
      localPort: 50000,
      ms: 1,
    },
    dns('[fe80::1]:9092', 'fe80::1', 'fe80::1'),
    {
      type: 'pool.metadata',
      time: 1,
      mono: 1,
      poolId: 'p',
      trigger: 'bootstrap',
      clusterId: 'cid',
      controllerId: 1,
      brokers: [{ nodeId: 2, host: 'kafka-2.corp.example', port: 9093, rack: null }],
      source: 'kafka-1.corp.example:9093',
    },
    {
      ...stamp,
      broker: 'kafka-1.corp.example:9093',
      type: 'versions',
      source: 'ApiVersions',
      requestVersion: 4,
      attempts: 1,
      hint: null,
      apis: [],
      ms: 1,
    },
  ];

  it('masks names, IPv4 and IPv6 consistently, in order of first appearance, with valid values', () => {
    const r = new Redactor({ maskHosts: true }, [events]);
    const [d, t, d6, md, v] = events.map((e) => r.event(e)) as [
      Extract<ConnectionEvent, { type: 'dns' }>,
      Extract<ConnectionEvent, { type: 'tcp.connected' }>,
      Extract<ConnectionEvent, { type: 'dns' }>,
      Extract<PoolEvent, { type: 'pool.metadata' }>,
      Extract<ConnectionEvent, { type: 'versions' }>,
    ];
    expect(d.broker).toBe('host-1:9093');
    expect(d.host).toBe('host-1');
    expect(d.addresses[0]?.address).toBe('10.0.0.1');
    expect(t.remoteAddress).toBe('10.0.0.1');
    expect(t.localAddress).toBe('10.0.0.2');
    expect(d6.broker).toBe('[fd00::1]:9092');
    expect(md.brokers[0]?.host).toBe('host-2');
    expect(md.source).toBe('host-1:9093');
    expect(v.source).toBe('ApiVersions'); // not a host
    expect(r.info()).toMatchObject({ hosts: 'masked', maskedHosts: 2, maskedAddresses: 3 });
    // A second redactor over the same events gives the same masks (formats exported separately agree).
    const again = new Redactor({ maskHosts: true }, [events]);
    expect(again.text('kafka-2.corp.example and 192.168.7.5')).toBe(
      r.text('kafka-2.corp.example and 192.168.7.5'),
    );
  });

  it('masks hosts inside free text without touching longer names or other numbers', () => {
    const r = new Redactor({ maskHosts: true }, [events]);
    expect(
      r.text(
        'Connection refused by kafka-1.corp.example:9093 (192.168.7.21), not kafka-1.corp.example.org or 192.168.7.210',
      ),
    ).toBe('Connection refused by host-1:9093 (10.0.0.1), not kafka-1.corp.example.org or 10.0.0.3');
    expect(r.text('Kafka 4.1.1 on [fe80::1]:9092')).toBe('Kafka 4.1.1 on [fd00::1]:9092');
  });

  it('rewrites host names inside Metadata replies, so pcapng payloads agree with the events', () => {
    const r = new Redactor({ maskHosts: true }, [events]);
    const frame = encodeResponseFrame(ApiKey.Metadata, 12, 5, {
      brokers: [{ nodeId: 2, host: 'kafka-2.corp.example', port: 9093, rack: null }],
      clusterId: 'cid',
      controllerId: 2,
      topics: [],
    });
    const out = r.frameBytes('in', ApiKey.Metadata, 12, frame);
    const body = decodeResponse(ApiKey.Metadata, 12, out.subarray(4)).body as { brokers: { host: string }[] };
    expect(body.brokers[0]?.host).toBe('host-2');
    expect(out.readInt32BE(0)).toBe(out.length - 4);
  });

  it('keeps hosts when masking is off', () => {
    const r = new Redactor({}, [events]);
    expect(r.event(events[0]!)).toEqual(events[0]);
    expect(r.info().hosts).toBe('kept');
  });
});
