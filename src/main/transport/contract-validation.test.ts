// Every request kind of the contract, table-driven: a valid payload reaches its handler, and
// malformed ones are rejected at the boundary with BAD_REQUEST naming the method and the
// field path, without the handler (and so the core) ever being called.
import { describe, expect, it } from 'vitest';
import { methods, type MethodName } from '@shared/api/contract';
import { createDispatcher, type Handlers } from './dispatcher';

interface Case {
  valid: unknown;
  /** [label, payload, text the message must contain (the field path)] */
  invalid: [string, unknown, string][];
}

const profile = { name: 'local', bootstrapServers: ['127.0.0.1:9092'], securityProtocol: 'PLAINTEXT' };
const sid = { sessionId: 's-1' };
const rid = { runId: 'r-1' };
const lid = { logId: 'l-1' };

// Typed over MethodName: a method added to the contract without a row here fails the typecheck.
const cases: Record<MethodName, Case> = {
  'app.version': { valid: {}, invalid: [['an extra key', { x: 1 }, '(payload)']] },
  'profiles.list': { valid: {}, invalid: [['an extra key', { all: true }, '(payload)']] },
  'profiles.get': {
    valid: { id: 'p1' },
    invalid: [
      ['an empty id', { id: '' }, 'id:'],
      ['a numeric id', { id: 7 }, 'id:'],
    ],
  },
  'profiles.create': {
    valid: { profile, secrets: { saslPassword: null } },
    invalid: [
      ['no profile', {}, 'profile:'],
      [
        'an empty bootstrap list',
        { profile: { ...profile, bootstrapServers: [] } },
        'profile.bootstrapServers:',
      ],
      [
        'a comma list in one entry',
        { profile: { ...profile, bootstrapServers: ['a:1,b:2'] } },
        'profile.bootstrapServers.0:',
      ],
      [
        'an unknown protocol',
        { profile: { ...profile, securityProtocol: 'SSL2' } },
        'profile.securityProtocol:',
      ],
      [
        'SASL without a mechanism',
        { profile: { ...profile, securityProtocol: 'SASL_SSL' } },
        'profile.sasl:',
      ],
      [
        'GSSAPI with a field it does not have',
        {
          profile: {
            ...profile,
            securityProtocol: 'SASL_PLAINTEXT',
            sasl: { mechanism: 'GSSAPI', username: 'u' },
          },
        },
        'profile.sasl:',
      ],
      [
        'a cert without its key',
        { profile: { ...profile, securityProtocol: 'SSL', tls: { cert: { kind: 'file', path: '/c.pem' } } } },
        'profile.tls.key:',
      ],
      [
        'an OIDC endpoint that is not http(s)',
        {
          profile: {
            ...profile,
            securityProtocol: 'SASL_SSL',
            sasl: {
              mechanism: 'OAUTHBEARER',
              oauth: { mode: 'oidc', tokenEndpoint: 'file:///etc/passwd', clientId: 'c' },
            },
          },
        },
        'profile.sasl.oauth.tokenEndpoint:',
      ],
      ['a secret that is not a string', { profile, secrets: { saslPassword: 42 } }, 'secrets.saslPassword:'],
      ['an unknown secret field', { profile, secrets: { apiKey: 'x' } }, 'secrets:'],
      [
        'a negative timeout',
        { profile: { ...profile, timeouts: { connectTimeoutMs: -1 } } },
        'profile.timeouts.connectTimeoutMs:',
      ],
      ['a bad tag list', { profile: { ...profile, tagIds: 'prod' } }, 'profile.tagIds:'],
    ],
  },
  'profiles.update': {
    valid: { id: 'p1', profile },
    invalid: [
      ['no id', { profile }, 'id:'],
      ['an extra key in the profile', { id: 'p1', profile: { ...profile, password: 'x' } }, 'profile:'],
    ],
  },
  'profiles.duplicate': {
    valid: { id: 'p1', name: 'copy' },
    invalid: [['an empty name', { id: 'p1', name: '  ' }, 'name:']],
  },
  'profiles.delete': { valid: { id: 'p1' }, invalid: [['no id', {}, 'id:']] },
  'profiles.tags.save': {
    valid: { tags: [{ id: 'dev', name: 'dev', color: '#00ff00' }] },
    invalid: [
      [
        'a colour that is not #rrggbb',
        { tags: [{ id: 'dev', name: 'dev', color: 'green' }] },
        'tags.0.color:',
      ],
      [
        'duplicate ids',
        {
          tags: [
            { id: 'a', name: 'a', color: '#000000' },
            { id: 'a', name: 'b', color: '#000000' },
          ],
        },
        'tags:',
      ],
    ],
  },
  'profiles.export': {
    valid: { ids: ['p1'], secrets: { passphrase: 'long enough' } },
    invalid: [
      ['a short passphrase', { secrets: { passphrase: 'short' } }, 'secrets.passphrase:'],
      ['an empty id list', { ids: [] }, 'ids:'],
    ],
  },
  'profiles.import': {
    valid: { json: '{}', skipSecrets: true },
    invalid: [
      ['no json', {}, 'json:'],
      ['json that is not a string', { json: { profiles: [] } }, 'json:'],
    ],
  },
  'secrets.status': { valid: {}, invalid: [['an extra key', { reveal: true }, '(payload)']] },
  'secrets.allowPlaintext': {
    valid: { allow: true },
    invalid: [
      ['a string for allow', { allow: 'yes' }, 'allow:'],
      ['no answer', {}, 'allow:'],
    ],
  },
  'sessions.connect': {
    valid: { profileId: 'p1', captureFrames: true },
    invalid: [
      ['no profile id', {}, 'profileId:'],
      ['a string for captureFrames', { profileId: 'p1', captureFrames: 'yes' }, 'captureFrames:'],
    ],
  },
  'sessions.disconnect': {
    valid: { ...sid, forget: true },
    invalid: [['a string for forget', { ...sid, forget: 'yes' }, 'forget:']],
  },
  'sessions.reconnect': { valid: sid, invalid: [['no session id', {}, 'sessionId:']] },
  'sessions.list': { valid: {}, invalid: [['an extra key', { all: 1 }, '(payload)']] },
  'sessions.snapshot': { valid: sid, invalid: [['a numeric session id', { sessionId: 1 }, 'sessionId:']] },
  'sessions.events.page': {
    valid: { ...sid, beforeSeq: 100, limit: 50 },
    invalid: [
      ['a limit above the page maximum', { ...sid, limit: 1_000_000 }, 'limit:'],
      ['a fractional beforeSeq', { ...sid, beforeSeq: 1.5 }, 'beforeSeq:'],
      ['a zero limit', { ...sid, limit: 0 }, 'limit:'],
    ],
  },
  'sessions.send': {
    valid: { ...sid, nodeId: 1, request: { apiKey: 3, body: { topics: ['t'] } } },
    invalid: [
      ['a write API (Produce)', { ...sid, request: { apiKey: 0, body: {} } }, 'request.apiKey:'],
      ['a write API (CreateTopics)', { ...sid, request: { apiKey: 19, body: {} } }, 'request.apiKey:'],
      [
        'auto topic creation',
        { ...sid, request: { apiKey: 3, body: { allowAutoTopicCreation: true } } },
        'request.body:',
      ],
      ['a negative node id', { ...sid, nodeId: -1, request: { apiKey: 18 } }, 'nodeId:'],
    ],
  },
  'troubleshoot.run': {
    valid: { profileId: 'p1', keyLog: true, topics: ['orders'] },
    invalid: [
      ['no profile id', {}, 'profileId:'],
      ['an empty profile id', { profileId: '' }, 'profileId:'],
      ['a string for keyLog', { profileId: 'p1', keyLog: 'yes' }, 'keyLog:'],
      ['an empty topic name', { profileId: 'p1', topics: [''] }, 'topics.0:'],
      ['a topic list that is a string', { profileId: 'p1', topics: 'orders' }, 'topics:'],
      ['an extra key', { profileId: 'p1', password: 'x' }, '(payload)'],
    ],
  },
  'troubleshoot.cancel': {
    valid: rid,
    invalid: [
      ['no run id', {}, 'runId:'],
      ['a numeric run id', { runId: 7 }, 'runId:'],
    ],
  },
  'troubleshoot.result': {
    valid: rid,
    invalid: [
      ['an empty run id', { runId: '' }, 'runId:'],
      ['an extra key', { ...rid, all: true }, '(payload)'],
    ],
  },
  'troubleshoot.list': { valid: {}, invalid: [['an extra key', { profileId: 'p1' }, '(payload)']] },
  'logs.export': {
    valid: { source: { kind: 'troubleshoot', runId: 'r-1' }, format: 'pcapng', maskHosts: true },
    invalid: [
      ['no source', { format: 'jsonl' }, 'source:'],
      [
        'an unknown source kind',
        { source: { kind: 'file', path: '/etc/passwd' }, format: 'jsonl' },
        'source.kind:',
      ],
      [
        'a session source without its id',
        { source: { kind: 'session' }, format: 'jsonl' },
        'source.sessionId:',
      ],
      [
        'a run source with a session id',
        { source: { kind: 'troubleshoot', sessionId: 's-1' }, format: 'jsonl' },
        'source.runId:',
      ],
      ['an unknown format', { source: { kind: 'session', sessionId: 's-1' }, format: 'har' }, 'format:'],
      [
        'a string for maskHosts',
        { source: { kind: 'session', sessionId: 's-1' }, format: 'text', maskHosts: 'yes' },
        'maskHosts:',
      ],
    ],
  },
  'logs.import': {
    valid: { fileName: 'run.jsonl', text: '{"format":"brokerscope-log"}' },
    invalid: [
      ['no text', { fileName: 'run.jsonl' }, 'text:'],
      ['an empty text', { fileName: 'run.jsonl', text: '' }, 'text:'],
      ['text that is not a string', { fileName: 'run.jsonl', text: [{ type: 'state' }] }, 'text:'],
      ['a blank file name', { fileName: '   ', text: '{}' }, 'fileName:'],
      ['a path instead of the text', { path: '/tmp/run.jsonl' }, '(payload)'],
    ],
  },
  'logs.events.page': {
    valid: { ...lid, beforeSeq: 10, limit: 5 },
    invalid: [
      ['no log id', { limit: 5 }, 'logId:'],
      ['a limit above the page maximum', { ...lid, limit: 1_000_000 }, 'limit:'],
      ['a zero beforeSeq', { ...lid, beforeSeq: 0 }, 'beforeSeq:'],
    ],
  },
  'logs.list': { valid: {}, invalid: [['an extra key', { all: true }, '(payload)']] },
  'logs.close': {
    valid: lid,
    invalid: [
      ['no log id', {}, 'logId:'],
      ['a numeric log id', { logId: 1 }, 'logId:'],
    ],
  },
};

const reached: string[] = [];
const handlers = new Proxy({} as Handlers, {
  get: (_t, method: string) => () => {
    reached.push(method);
    return { ok: true };
  },
});
const dispatch = createDispatcher(handlers);

const names = Object.keys(methods) as MethodName[];
const generic: [string, unknown][] = [
  ['a string', 'hello'],
  ['a number', 42],
  ['an array', [1, 2]],
  ['true', true],
];

describe('contract validation at the main-process boundary', () => {
  it('has a row for every method of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual([...names].sort());
  });

  it.each(names)('%s: a valid payload reaches its handler', async (method) => {
    reached.length = 0;
    const reply = await dispatch(method, cases[method].valid);
    expect(reply).toEqual({ ok: true, result: { ok: true } });
    expect(reached).toEqual([method]);
  });

  const rows = names.flatMap((m) => [
    ...generic.map(([label, payload]) => [m, label, payload, '(payload)'] as const),
    ...cases[m].invalid.map(([label, payload, path]) => [m, label, payload, path] as const),
  ]);

  it.each(rows)(
    '%s: rejects %s, naming the field, before any handler runs',
    async (method, _label, payload, path) => {
      reached.length = 0;
      const reply = await dispatch(method, payload);
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('BAD_REQUEST');
        expect(reply.error.message.startsWith(`${method}: invalid payload: `)).toBe(true);
        expect(reply.error.message).toContain(path);
      }
      expect(reached).toEqual([]);
    },
  );
});
