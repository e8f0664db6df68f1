/** The inspector's one request through a session: read-only APIs only, bodies fixed up to stay read-only. */
import { z } from 'zod';
import type { Result } from '@shared/api/contract';
import { inspectorApis, type InspectorRequestSchema } from '@shared/api/sessions';
import { apiName } from '../../core';
import { toJsonSafe } from './json-safe';
import type { PoolLike } from './pool-like';

type InspectorRequest = z.output<typeof InspectorRequestSchema>;

/** The request body the core encodes, per API. */
export function requestBody(req: InspectorRequest): Record<string, unknown> {
  switch (req.apiKey) {
    case inspectorApis.ApiVersions:
      return {};
    case inspectorApis.Metadata:
      return {
        topics: req.body.topics === null ? null : req.body.topics.map((name) => ({ name })),
        allowAutoTopicCreation: false,
        includeClusterAuthorizedOperations: false,
        includeTopicAuthorizedOperations: req.body.includeTopicAuthorizedOperations,
      };
    case inspectorApis.ListGroups:
      return { statesFilter: req.body.statesFilter, typesFilter: req.body.typesFilter };
    case inspectorApis.DescribeCluster:
      return {
        includeClusterAuthorizedOperations: req.body.includeClusterAuthorizedOperations,
        endpointType: 1,
      };
  }
}

export async function inspect(
  pool: PoolLike,
  nodeId: number | undefined,
  req: InspectorRequest,
): Promise<Result<'sessions.send'>> {
  const view = pool.cluster();
  const target = nodeId ?? view.controllerId ?? view.brokers[0]?.nodeId;
  if (target === undefined || target === null) throw new Error('nodeId: the cluster has no known broker yet');
  if (!view.brokers.some((b) => b.nodeId === target)) {
    throw new Error(
      `nodeId: node ${target} is not in the cluster (known: ${view.brokers.map((b) => b.nodeId).join(', ') || 'none'})`,
    );
  }
  const started = performance.now();
  let sentAs = { correlationId: -1, connectionId: '' };
  const response: unknown = await pool.send(target, req.apiKey, requestBody(req), {
    onQueued: (correlationId, connectionId) => (sentAs = { correlationId, connectionId }),
  });
  return {
    nodeId: target,
    apiKey: req.apiKey,
    apiName: apiName(req.apiKey),
    ...sentAs,
    latencyMs: performance.now() - started,
    response: toJsonSafe(response),
  };
}
