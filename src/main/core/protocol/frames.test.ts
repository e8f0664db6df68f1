import { describe, expect, it } from 'vitest';
import {
  API_TABLE,
  ApiKey,
  ERROR_CODES,
  ProtocolError,
  apiName,
  decodeRequest,
  decodeResponse,
  decodeRequestBody,
  decodeResponseBody,
  encodeRequestBody,
  encodeRequestFrame,
  encodeResponseBody,
  encodeResponseFrame,
  errorName,
  hasCodec,
  isSupportedVersion,
  peekCorrelationId,
  requestHeaderVersion,
  responseHeaderVersion,
  type MetadataResponse,
} from './index';
import type { Input } from './types';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const str = (s: string): string => Buffer.from(s).toString('hex');

function protocolError(f: () => unknown): ProtocolError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    return e as ProtocolError;
  }
  throw new Error('expected a ProtocolError');
}

describe('API table', () => {
  it('names every API key and is used for unknown keys too', () => {
    expect(API_TABLE.size).toBe(88);
    for (let k = 0; k < 88; k++) expect(API_TABLE.has(k)).toBe(true);
    expect(apiName(ApiKey.Metadata)).toBe('Metadata');
    expect(apiName(18)).toBe('ApiVersions');
    expect(apiName(999)).toBe('Unknown(999)');
    expect(ApiKey.Produce).toBe(0);
    expect(ApiKey.Fetch).toBe(1);
    expect(ApiKey.ApiVersions).toBe(18);
    expect(ApiKey.DescribeTopicPartitions).toBe(75);
  });

  it('advertises only stable versions but has codecs for unstable ones', () => {
    const endTxn = API_TABLE.get(ApiKey.EndTxn)!;
    expect(endTxn).toMatchObject({ minVersion: 0, maxVersion: 4, codecMaxVersion: 5, flexibleMin: 3 });
    expect(isSupportedVersion(ApiKey.EndTxn, 4)).toBe(true);
    expect(isSupportedVersion(ApiKey.EndTxn, 5)).toBe(false);
    expect(hasCodec(ApiKey.EndTxn, 5)).toBe(true);
    const shareFetch = API_TABLE.get(ApiKey.ShareFetch)!;
    expect(shareFetch.maxVersion).toBeLessThan(shareFetch.minVersion);
    expect(isSupportedVersion(ApiKey.ShareFetch, 0)).toBe(false);
    expect(API_TABLE.get(ApiKey.Metadata)).toMatchObject({ minVersion: 0, maxVersion: 12, flexibleMin: 9 });
    expect(API_TABLE.get(ApiKey.ApiVersions)).toMatchObject({ minVersion: 0, maxVersion: 4, flexibleMin: 3 });
    expect(isSupportedVersion(999, 0)).toBe(false);
    expect(isSupportedVersion(ApiKey.Metadata, 13)).toBe(false);
  });
});

describe('error codes', () => {
  it('covers -1..129 with unique names', () => {
    for (let c = -1; c <= 129; c++) expect(ERROR_CODES.has(c)).toBe(true);
    expect(new Set([...ERROR_CODES.values()].map((e) => e.name)).size).toBe(ERROR_CODES.size);
    expect(errorName(6)).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(errorName(35)).toBe('UNSUPPORTED_VERSION');
    expect(errorName(5000)).toBe('UNKNOWN_ERROR_CODE(5000)');
    expect(ERROR_CODES.get(3)?.retriable).toBe(true);
    expect(ERROR_CODES.get(29)?.retriable).toBe(false);
  });
});

describe('headers', () => {
  it('request header versions', () => {
    expect(requestHeaderVersion(ApiKey.ControlledShutdown, 0)).toBe(0);
    expect(requestHeaderVersion(ApiKey.ControlledShutdown, 1)).toBe(1);
    expect(requestHeaderVersion(ApiKey.ControlledShutdown, 3)).toBe(2);
    expect(requestHeaderVersion(ApiKey.Metadata, 8)).toBe(1);
    expect(requestHeaderVersion(ApiKey.Metadata, 9)).toBe(2);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 2)).toBe(1);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 3)).toBe(2);
  });

  it('response header versions: ApiVersions always v0', () => {
    expect(responseHeaderVersion(ApiKey.ApiVersions, 3)).toBe(0);
    expect(responseHeaderVersion(ApiKey.ApiVersions, 4)).toBe(0);
    expect(responseHeaderVersion(ApiKey.Metadata, 8)).toBe(0);
    expect(responseHeaderVersion(ApiKey.Metadata, 9)).toBe(1);
    expect(responseHeaderVersion(ApiKey.Produce, 9)).toBe(1);
  });

  it('ApiVersions v3 request: header v2 with an old-style (int16) client id, compact body', () => {
    const frame = encodeRequestFrame(ApiKey.ApiVersions, 3, 1, 'bs', {
      clientSoftwareName: 'brokerscope',
      clientSoftwareVersion: '0.1.0',
    });
    const body = '0c' + str('brokerscope') + '06' + str('0.1.0') + '00';
    const header = '0012 0003 00000001 0002' + str('bs') + '00';
    const payload = header.replace(/\s/g, '') + body;
    expect(frame.toString('hex')).toBe((payload.length / 2).toString(16).padStart(8, '0') + payload);
    expect(decodeRequest(frame.subarray(4))).toEqual({
      apiKey: 18,
      apiVersion: 3,
      correlationId: 1,
      clientId: 'bs',
      body: {
        clientSoftwareName: 'brokerscope',
        clientSoftwareVersion: '0.1.0',
        _unknownTaggedFields: undefined,
      },
      trailingBytes: 0,
    });
  });

  it('ApiVersions v3 response: header v0 (no tagged-field byte)', () => {
    const frame = encodeResponseFrame(ApiKey.ApiVersions, 3, 7, {
      errorCode: 0,
      apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 4 }],
      throttleTimeMs: 0,
    });
    expect(frame.toString('hex')).toBe(
      '00000013' + '00000007' + '0000' + '02 0012 0000 0004 00'.replace(/\s/g, '') + '00000000' + '00',
    );
    const d = decodeResponse(ApiKey.ApiVersions, 3, frame.subarray(4));
    expect(d.correlationId).toBe(7);
    expect(d.body.apiKeys).toEqual([
      { apiKey: 18, minVersion: 0, maxVersion: 4, _unknownTaggedFields: undefined },
    ]);
    expect(d.body.finalizedFeaturesEpoch).toBe(-1n);
  });

  it('ApiVersions: a v0 body sent in reply to a newer request is decoded as v0 (UNSUPPORTED_VERSION)', () => {
    const v0 = encodeResponseFrame(ApiKey.ApiVersions, 0, 4, {
      errorCode: 35,
      apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 2 }],
    });
    const d = decodeResponse(ApiKey.ApiVersions, 3, v0.subarray(4));
    expect(d.bodyVersion).toBe(0);
    expect(d.correlationId).toBe(4);
    expect(d.body.errorCode).toBe(35);
    expect(d.body.apiKeys).toHaveLength(1);
    // Garbage still fails, naming the requested version.
    const e = protocolError(() => decodeResponse(ApiKey.ApiVersions, 3, hex('00000004 0000 05')));
    expect(e.version).toBe(3);
  });

  it('Metadata v12 response: header v1 (tagged-field byte after the correlation id)', () => {
    const frame = encodeResponseFrame(ApiKey.Metadata, 12, 5, {});
    expect(frame.subarray(4, 9).toString('hex')).toBe('0000000500');
  });

  it('ControlledShutdown v0 uses request header v0 (no client id)', () => {
    const frame = encodeRequestFrame(ApiKey.ControlledShutdown, 0, 3, 'ignored', { brokerId: 1 });
    expect(frame.toString('hex')).toBe('0000000c' + '0007 0000 00000003'.replace(/\s/g, '') + '00000001');
    expect(decodeRequest(frame.subarray(4))).toMatchObject({
      apiKey: 7,
      apiVersion: 0,
      correlationId: 3,
      clientId: null,
    });
  });

  it('a null client id is int16 -1', () => {
    const frame = encodeRequestFrame(ApiKey.Metadata, 1, 3, null, { topics: null });
    expect(frame.subarray(4).toString('hex')).toBe('0003 0001 00000003 ffff ffffffff'.replace(/\s/g, ''));
  });

  it('peekCorrelationId', () => {
    expect(peekCorrelationId(hex('7fffffff00'))).toBe(2147483647);
    expect(peekCorrelationId(hex('ffffffff'))).toBe(-1);
    expect(protocolError(() => peekCorrelationId(hex('0001'))).path).toBe('correlationId');
  });
});

describe('bodies', () => {
  it('Metadata request: camelCase fields, defaults for missing fields', () => {
    const bytes = encodeRequestBody(ApiKey.Metadata, 12, { topics: [], allowAutoTopicCreation: false });
    expect(bytes.toString('hex')).toBe('01' + '00' + '00' + '00');
    const nullTopics = encodeRequestBody(ApiKey.Metadata, 12, { topics: null });
    expect(nullTopics.toString('hex')).toBe('00' + '01' + '00' + '00');
  });

  it('fields absent from the version decode as the schema default', () => {
    const d = decodeResponseBody(
      ApiKey.Metadata,
      0,
      encodeResponseBody(ApiKey.Metadata, 0, {
        brokers: [{ nodeId: 1, host: 'h', port: 9092 }],
        topics: [
          {
            errorCode: 0,
            name: 't',
            partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, replicaNodes: [1], isrNodes: [1] }],
          },
        ],
      }),
    );
    const body = d.body as MetadataResponse;
    expect(body.controllerId).toBe(-1);
    expect(body.clusterId).toBeNull();
    expect(body.clusterAuthorizedOperations).toBe(-2147483648);
    expect(body.brokers[0]!.rack).toBeNull();
    expect(body.topics[0]!.topicId).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(body.topics[0]!.partitions[0]!.leaderEpoch).toBe(-1);
    expect(body.topics[0]!.partitions[0]!.offlineReplicas).toEqual([]);
  });

  it('fields that the version lacks are ignored when encoding', () => {
    const a = encodeRequestBody(ApiKey.Metadata, 0, { topics: [{ name: 'x' }] });
    const b = encodeRequestBody(ApiKey.Metadata, 0, {
      topics: [{ name: 'x', topicId: 'AAAAAAAAAAAAAAAAAAAAAQ' }],
      allowAutoTopicCreation: false,
    });
    expect(a).toEqual(b);
  });

  it('encoding errors name the field', () => {
    const e = protocolError(() =>
      encodeResponseFrame(ApiKey.Metadata, 12, 1, {
        topics: [{ name: 't', partitions: [{ replicaNodes: [1, 2, 'three' as unknown as number] }] }],
      }),
    );
    expect(e.api).toBe('Metadata');
    expect(e.version).toBe(12);
    expect(e.path).toBe('topics[0].partitions[0].replicaNodes[2]');
    expect(() => encodeRequestBody(ApiKey.Metadata, 12, { topics: [{ name: 7 }] })).toThrow(
      /topics\[0\]\.name/,
    );
    expect(() => encodeRequestBody(ApiKey.Metadata, 3, { topics: [{ name: null }] })).toThrow(
      /topics\[0\]\.name/,
    );
    expect(() => encodeRequestBody(ApiKey.Metadata, 99, {})).toThrow(/no codec for version 99/);
    expect(() => encodeRequestBody(200, 0, {})).toThrow(/unknown API key 200/);
  });

  it('trailing bytes after a complete body are tolerated and reported', () => {
    const frame = encodeResponseFrame(ApiKey.ApiVersions, 3, 1, {});
    const payload = Buffer.concat([frame.subarray(4), hex('dead')]);
    expect(decodeResponse(ApiKey.ApiVersions, 3, payload).trailingBytes).toBe(2);
  });
});

describe('decoding errors carry api, version, field path and byte offset', () => {
  function metadataBody(): Input<MetadataResponse> {
    const topics = [];
    for (let t = 0; t < 5; t++) {
      const partitions = [];
      for (let p = 0; p < 2; p++) {
        const marked = t === 3 && p === 0;
        partitions.push({
          partitionIndex: p,
          leaderId: 1,
          replicaNodes: marked ? [0x11223344, 0x11223344, 0x11223344] : [1],
          isrNodes: [1],
        });
      }
      topics.push({ name: `topic-${t}`, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions });
    }
    return { brokers: [{ nodeId: 1, host: 'broker-1', port: 9092, rack: null }], clusterId: 'c', topics };
  }

  it('a length prefix that overruns the frame', () => {
    const payload = encodeResponseFrame(ApiKey.Metadata, 12, 9, metadataBody()).subarray(4);
    const marker = payload.indexOf(hex('04 11223344 11223344 11223344'));
    expect(marker).toBeGreaterThan(0);
    const bad = Buffer.from(payload);
    bad[marker] = 0x7f; // 126 replicas: needs 504 bytes
    const e = protocolError(() => decodeResponse(ApiKey.Metadata, 12, bad));
    expect(e.api).toBe('Metadata');
    expect(e.messageName).toBe('MetadataResponse');
    expect(e.version).toBe(12);
    expect(e.path).toBe('topics[3].partitions[0].replicaNodes');
    expect(e.offset).toBe(marker);
    expect(e.message).toBe(
      `MetadataResponse v12: length 126 needs at least 504 bytes, ${bad.length - marker - 1} remain at topics[3].partitions[0].replicaNodes (byte ${marker})`,
    );
  });

  it('a truncated frame names the first field that does not fit', () => {
    // FetchRequest v4 starts with a run of fixed-size fields: replicaId, maxWaitMs, minBytes, maxBytes, isolationLevel.
    const payload = encodeRequestFrame(ApiKey.Fetch, 4, 1, 'c', { maxWaitMs: 500 }).subarray(4);
    const headerSize = 2 + 2 + 4 + 2 + 1;
    const e = protocolError(() => decodeRequest(payload.subarray(0, headerSize + 9)));
    expect(e).toMatchObject({ api: 'Fetch', version: 4, path: 'minBytes', offset: headerSize + 8 });
    expect(e.reason).toBe('needs 4 bytes, 1 remain');
  });

  it('header errors', () => {
    expect(protocolError(() => decodeResponse(ApiKey.Metadata, 12, hex('0000'))).path).toBe(
      'header.correlationId',
    );
    const e = protocolError(() => decodeResponse(ApiKey.Metadata, 12, hex('00000001')));
    expect(e.path).toBe('header._taggedFields');
    expect(e.offset).toBe(4);
    expect(protocolError(() => decodeRequest(hex('00'))).path).toBe('header.requestApiKey');
    expect(protocolError(() => decodeRequest(hex('03e8 0000 00000001'))).path).toBe('header.requestApiKey');
    expect(protocolError(() => decodeRequest(hex('0003 0063 00000001'))).path).toBe(
      'header.requestApiVersion',
    );
    expect(protocolError(() => decodeRequest(hex('0003 0001 00000001 0005 6162'))).path).toBe(
      'header.clientId',
    );
  });

  it('unknown API or version', () => {
    const e = protocolError(() => decodeResponse(999, 0, hex('00000000')));
    expect(e.api).toBe('Unknown(999)');
    expect(protocolError(() => decodeResponse(ApiKey.Metadata, 13, hex('00000000'))).reason).toMatch(
      /no codec for version 13/,
    );
  });
});

describe('tagged fields', () => {
  it('known and unknown tags decode, and re-encode byte for byte', () => {
    // ApiVersionsResponse v3 body: errorCode, apiKeys (1), throttleTimeMs, then tags: 1 (finalizedFeaturesEpoch),
    // 7 (unknown), 1000 (unknown, two-byte tag varint). apiKeys[0] carries unknown tag 3.
    const body = hex(
      '0000' +
        '02 0003 0000 000c 01 03 02 abcd' +
        '00000000' +
        '03' +
        '01 08 0000000000000009' +
        '07 01 ff' +
        'e807 00',
    );
    const d = decodeResponseBody(ApiKey.ApiVersions, 3, body);
    expect(d.trailingBytes).toBe(0);
    expect(d.body).toMatchObject({
      finalizedFeaturesEpoch: 9n,
      apiKeys: [
        {
          apiKey: 3,
          minVersion: 0,
          maxVersion: 12,
          _unknownTaggedFields: [{ tag: 3, data: new Uint8Array([0xab, 0xcd]) }],
        },
      ],
      _unknownTaggedFields: [
        { tag: 7, data: new Uint8Array([0xff]) },
        { tag: 1000, data: new Uint8Array(0) },
      ],
    });
    expect(encodeResponseBody(ApiKey.ApiVersions, 3, d.body)).toEqual(body);
  });

  it('unknown tags are written after the known ones below them, in tag order', () => {
    const bytes = encodeResponseBody(ApiKey.ApiVersions, 3, {
      finalizedFeaturesEpoch: 2n,
      zkMigrationReady: true,
      _unknownTaggedFields: [{ tag: 4, data: new Uint8Array([1]) }],
    });
    expect(bytes.toString('hex')).toBe(
      '0000' + '01' + '00000000' + '03' + '01080000000000000002' + '030101' + '040101',
    );
  });

  it('an unknown tagged field may not reuse a tag the version defines', () => {
    const body = { _unknownTaggedFields: [{ tag: 2, data: new Uint8Array([1]) }] };
    expect(() => encodeResponseBody(ApiKey.ApiVersions, 3, body)).toThrow(
      /tag 2, which this version defines/,
    );
  });

  it('a tag known only in later versions is kept as unknown in earlier ones', () => {
    // BrokerHeartbeat: OfflineLogDirs is tag 0 from v1; v0 is flexible but does not define it.
    const v1 = encodeRequestBody(ApiKey.BrokerHeartbeat, 1, {
      brokerId: 1,
      offlineLogDirs: ['AAAAAAAAAAAAAAAAAAAAAQ'],
    });
    const d = decodeRequestBody(ApiKey.BrokerHeartbeat, 0, v1).body as {
      _unknownTaggedFields?: { tag: number }[];
    };
    expect(d._unknownTaggedFields).toHaveLength(1);
    expect(d._unknownTaggedFields![0]!.tag).toBe(0);
    expect(encodeRequestBody(ApiKey.BrokerHeartbeat, 0, d)).toEqual(v1);
  });

  it('a tagged value whose size does not match is an error', () => {
    // finalizedFeaturesEpoch (int64) declared with 9 bytes.
    const body = hex('0000' + '01' + '00000000' + '01' + '01 09 000000000000000900');
    const e = protocolError(() => decodeResponseBody(ApiKey.ApiVersions, 3, body));
    expect(e.reason).toMatch(/left 1 of its declared bytes unread/);
  });

  it('tagged fields equal to their default are not written', () => {
    const withDefaults = encodeResponseBody(ApiKey.ApiVersions, 3, {
      finalizedFeaturesEpoch: -1n,
      zkMigrationReady: false,
      supportedFeatures: [],
    });
    expect(withDefaults.toString('hex')).toBe('0000' + '01' + '00000000' + '00');
  });
});
