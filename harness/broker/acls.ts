// The ACL set the single broker gets after each start, for authorization-failure tests: the
// restricted user may not Describe the cluster nor touch `forbidden-topic`; everyone else
// may do anything (the ALLOW User:* rules keep `allow.everyone.if.no.acl.found` semantics on
// the two resources that now have ACLs). Sent as CreateAcls v1 over the PLAINTEXT listener,
// whose User:ANONYMOUS is a super user, with the tests' raw-wire helpers: no Java tool, no
// extra jar. Creating an existing binding is a no-op in KRaft, so this is idempotent.
import {
  AclOperation,
  AclPatternType,
  AclPermission,
  AclResourceType,
  ApiKey,
  createAclsV1Body,
  decodeCreateAclsV1,
  decodeDescribeAclsV1,
  decodeMetadata,
  describeAclsV1Body,
  ErrorCode,
  metadataBody,
  type AclBinding,
} from '../../test/support/kafka-wire';
import { withConnection } from '../../test/support/raw-connection';
import type { AclInfo } from './info';
import { HOST } from './ports';
import type { Users } from './state';
import { HarnessError } from './tools';
import { sleep } from './wait';

export const DENIED_TOPIC = 'forbidden-topic';
const CLUSTER = 'kafka-cluster';

const name = (table: Record<string, number>, code: number): string =>
  Object.entries(table).find(([, v]) => v === code)?.[0] ?? String(code);

export function aclBindings(users: Users): AclBinding[] {
  const restricted = `User:${users.restricted.username}`;
  const rule = (
    resourceType: number,
    resourceName: string,
    principal: string,
    operation: number,
    permission: number,
  ): AclBinding => ({
    resourceType,
    resourceName,
    patternType: AclPatternType.LITERAL,
    principal,
    host: '*',
    operation,
    permission,
  });
  return [
    rule(AclResourceType.CLUSTER, CLUSTER, 'User:*', AclOperation.ALL, AclPermission.ALLOW),
    rule(AclResourceType.CLUSTER, CLUSTER, restricted, AclOperation.DESCRIBE, AclPermission.DENY),
    rule(AclResourceType.TOPIC, DENIED_TOPIC, 'User:*', AclOperation.ALL, AclPermission.ALLOW),
    rule(AclResourceType.TOPIC, DENIED_TOPIC, restricted, AclOperation.ALL, AclPermission.DENY),
  ];
}

export function aclInfo(users: Users, superUsers: string[], authorizer: string): AclInfo {
  return {
    deniedTopic: DENIED_TOPIC,
    deniedPrincipal: `User:${users.restricted.username}`,
    clusterDescribeDenied: true,
    superUsers,
    authorizer,
    allowEveryoneIfNoAclFound: true,
    bindings: aclBindings(users).map((b) => ({
      resourceType: name(AclResourceType, b.resourceType),
      resourceName: b.resourceName,
      principal: b.principal,
      operation: name(AclOperation, b.operation),
      permission: name(AclPermission, b.permission),
    })),
  };
}

/**
 * Creates the ACLs and `forbidden-topic` (so its denial isn't confused with "unknown topic"),
 * then waits until the broker's authorizer serves the ACLs.
 */
export async function applyAcls(port: number, users: Users, timeoutMs = 20_000): Promise<void> {
  const bindings = aclBindings(users);
  const target = { host: HOST, port };
  await withConnection(target, async (c) => {
    const created = decodeCreateAclsV1(
      (await c.request(ApiKey.CreateAcls, 1, createAclsV1Body(bindings), { clientId: 'brokerscope-harness' }))
        .body,
    );
    const failed = created.filter((r) => r.errorCode !== ErrorCode.NONE);
    if (failed.length > 0 || created.length !== bindings.length)
      throw new HarnessError(`CreateAcls failed: ${JSON.stringify(created)}`);
    // Metadata v4 with auto-creation (auto.create.topics.enable=true): creates the topic if needed.
    await c.request(ApiKey.Metadata, 4, metadataBody(4, [DENIED_TOPIC], true));
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await withConnection(target, async (c) => {
      const res = await c.request(
        ApiKey.DescribeAcls,
        1,
        describeAclsV1Body({
          resourceType: AclResourceType.ANY,
          resourceName: null,
          patternType: AclPatternType.ANY,
          principal: null,
          host: null,
          operation: AclOperation.ANY,
          permission: AclPermission.ANY,
        }),
      );
      return decodeDescribeAclsV1(res.body).bindings;
    });
    const topicReady = await withConnection(target, async (c) => {
      const md = decodeMetadata(
        1,
        (await c.request(ApiKey.Metadata, 1, metadataBody(1, [DENIED_TOPIC]))).body,
      );
      return md.topics.every(
        (t) => t.errorCode === ErrorCode.NONE && t.partitions.every((p) => p.leaderId >= 0),
      );
    });
    const missing = bindings.filter((b) => !seen.some((s) => JSON.stringify(s) === JSON.stringify(b)));
    if (missing.length === 0 && topicReady) return;
    if (Date.now() > deadline)
      throw new HarnessError(
        `ACLs/topic not visible after ${timeoutMs} ms: missing ${JSON.stringify(missing)}, topic ready ${topicReady}`,
      );
    await sleep(100);
  }
}
