/**
 * Kafka error codes (org.apache.kafka.common.protocol.Errors): code -> name, whether Kafka classes the
 * error as retriable (its exception is a RetriableException), and a short plain-words meaning.
 * Codes -1..129 as of Kafka 4.0; newer codes are reported as UNKNOWN_ERROR_CODE(n).
 */
export interface ErrorCodeInfo {
  readonly code: number;
  readonly name: string;
  readonly retriable: boolean;
  readonly meaning: string;
}

type Row = readonly [code: number, name: string, retriable: boolean, meaning: string];

const ROWS: readonly Row[] = [
  [-1, 'UNKNOWN_SERVER_ERROR', false, 'The broker hit an unexpected error while handling the request.'],
  [0, 'NONE', false, 'No error.'],
  [
    1,
    'OFFSET_OUT_OF_RANGE',
    false,
    'The requested offset is outside the range the broker holds for this partition.',
  ],
  [2, 'CORRUPT_MESSAGE', true, 'A record failed its checksum, is too large, or is otherwise corrupt.'],
  [3, 'UNKNOWN_TOPIC_OR_PARTITION', true, 'This broker does not host this topic or partition.'],
  [4, 'INVALID_FETCH_SIZE', false, 'The requested fetch size is invalid.'],
  [
    5,
    'LEADER_NOT_AVAILABLE',
    true,
    'The partition has no leader right now (for example during a leader election).',
  ],
  [
    6,
    'NOT_LEADER_OR_FOLLOWER',
    true,
    'This broker is not the leader (or not a replica) of the partition; refresh metadata.',
  ],
  [7, 'REQUEST_TIMED_OUT', true, 'The request timed out on the broker.'],
  [8, 'BROKER_NOT_AVAILABLE', false, 'The broker is not available.'],
  [9, 'REPLICA_NOT_AVAILABLE', true, 'The replica is not available for the requested partition.'],
  [10, 'MESSAGE_TOO_LARGE', false, 'The request included a message larger than the broker accepts.'],
  [
    11,
    'STALE_CONTROLLER_EPOCH',
    false,
    'The request came from a controller that is no longer the active one.',
  ],
  [
    12,
    'OFFSET_METADATA_TOO_LARGE',
    false,
    'The metadata string attached to the committed offset is too large.',
  ],
  [13, 'NETWORK_EXCEPTION', true, 'The connection was closed before a response arrived.'],
  [
    14,
    'COORDINATOR_LOAD_IN_PROGRESS',
    true,
    'The coordinator is still loading its state; try again shortly.',
  ],
  [15, 'COORDINATOR_NOT_AVAILABLE', true, 'The group or transaction coordinator is not available.'],
  [
    16,
    'NOT_COORDINATOR',
    true,
    'This broker is not the coordinator for the group or transaction; find the coordinator again.',
  ],
  [
    17,
    'INVALID_TOPIC_EXCEPTION',
    false,
    'The topic name is invalid, or the operation is not allowed on an internal topic.',
  ],
  [18, 'RECORD_LIST_TOO_LARGE', false, 'The produced batch is larger than the configured segment size.'],
  [
    19,
    'NOT_ENOUGH_REPLICAS',
    true,
    'Fewer in-sync replicas than min.insync.replicas; the write was rejected.',
  ],
  [
    20,
    'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
    true,
    'The write was stored but fewer replicas than required acknowledged it.',
  ],
  [21, 'INVALID_REQUIRED_ACKS', false, 'The acks value in the produce request is invalid.'],
  [22, 'ILLEGAL_GENERATION', false, 'The consumer group generation in the request is not the current one.'],
  [
    23,
    'INCONSISTENT_GROUP_PROTOCOL',
    false,
    "The member's protocol type or protocols do not match the group's.",
  ],
  [24, 'INVALID_GROUP_ID', false, 'The group id is empty or invalid.'],
  [25, 'UNKNOWN_MEMBER_ID', false, 'The coordinator does not know this member id.'],
  [26, 'INVALID_SESSION_TIMEOUT', false, "The session timeout is outside the broker's allowed range."],
  [27, 'REBALANCE_IN_PROGRESS', false, 'The group is rebalancing; the member must rejoin.'],
  [28, 'INVALID_COMMIT_OFFSET_SIZE', false, 'The committed offset data is too large.'],
  [29, 'TOPIC_AUTHORIZATION_FAILED', false, 'The client is not authorized to access this topic.'],
  [30, 'GROUP_AUTHORIZATION_FAILED', false, 'The client is not authorized to access this group.'],
  [
    31,
    'CLUSTER_AUTHORIZATION_FAILED',
    false,
    'The client is not authorized for this cluster-level operation.',
  ],
  [32, 'INVALID_TIMESTAMP', false, "A record's timestamp is outside the allowed range."],
  [33, 'UNSUPPORTED_SASL_MECHANISM', false, 'The broker does not support the requested SASL mechanism.'],
  [34, 'ILLEGAL_SASL_STATE', false, 'The request is not valid at this point of the SASL handshake.'],
  [35, 'UNSUPPORTED_VERSION', false, 'The broker does not support this version of the API.'],
  [36, 'TOPIC_ALREADY_EXISTS', false, 'A topic with this name already exists.'],
  [37, 'INVALID_PARTITIONS', false, 'The number of partitions is invalid.'],
  [
    38,
    'INVALID_REPLICATION_FACTOR',
    false,
    'The replication factor is invalid (for example larger than the number of brokers).',
  ],
  [39, 'INVALID_REPLICA_ASSIGNMENT', false, 'The replica assignment is invalid.'],
  [40, 'INVALID_CONFIG', false, 'A configuration value is invalid.'],
  [41, 'NOT_CONTROLLER', true, 'This broker is not the active controller.'],
  [
    42,
    'INVALID_REQUEST',
    false,
    'The request is malformed or not valid for this broker (see the broker log).',
  ],
  [
    43,
    'UNSUPPORTED_FOR_MESSAGE_FORMAT',
    false,
    "The topic's message format version does not support this request.",
  ],
  [44, 'POLICY_VIOLATION', false, 'The request violates a policy configured on the broker.'],
  [45, 'OUT_OF_ORDER_SEQUENCE_NUMBER', false, 'The broker received a producer sequence number out of order.'],
  [46, 'DUPLICATE_SEQUENCE_NUMBER', false, 'The broker received a duplicate producer sequence number.'],
  [
    47,
    'INVALID_PRODUCER_EPOCH',
    false,
    "The producer's epoch is stale: another producer with the same id took over.",
  ],
  [48, 'INVALID_TXN_STATE', false, "The operation is not valid in the transaction's current state."],
  [49, 'INVALID_PRODUCER_ID_MAPPING', false, 'The producer id does not match the transactional id.'],
  [50, 'INVALID_TRANSACTION_TIMEOUT', false, "The transaction timeout exceeds the broker's maximum."],
  [51, 'CONCURRENT_TRANSACTIONS', true, 'Another operation on the same transaction is still in progress.'],
  [52, 'TRANSACTION_COORDINATOR_FENCED', false, 'The transaction coordinator was replaced by a newer one.'],
  [
    53,
    'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
    false,
    'The client is not authorized to use this transactional id.',
  ],
  [54, 'SECURITY_DISABLED', false, 'Security features are disabled on the broker.'],
  [
    55,
    'OPERATION_NOT_ATTEMPTED',
    false,
    'The broker did not attempt the operation (another part of the batch failed).',
  ],
  [56, 'KAFKA_STORAGE_ERROR', true, 'A disk or log directory on the broker failed.'],
  [57, 'LOG_DIR_NOT_FOUND', false, 'The requested log directory does not exist.'],
  [
    58,
    'SASL_AUTHENTICATION_FAILED',
    false,
    'SASL authentication failed (wrong credentials or mechanism setup).',
  ],
  [59, 'UNKNOWN_PRODUCER_ID', false, 'The broker has no state for this producer id (it may have expired).'],
  [60, 'REASSIGNMENT_IN_PROGRESS', false, 'A partition reassignment is in progress.'],
  [61, 'DELEGATION_TOKEN_AUTH_DISABLED', false, 'Delegation token authentication is disabled.'],
  [62, 'DELEGATION_TOKEN_NOT_FOUND', false, 'The delegation token was not found.'],
  [
    63,
    'DELEGATION_TOKEN_OWNER_MISMATCH',
    false,
    'The principal does not own or renew this delegation token.',
  ],
  [
    64,
    'DELEGATION_TOKEN_REQUEST_NOT_ALLOWED',
    false,
    'Delegation token requests are not allowed on this connection type.',
  ],
  [
    65,
    'DELEGATION_TOKEN_AUTHORIZATION_FAILED',
    false,
    'The client is not authorized for this delegation token operation.',
  ],
  [66, 'DELEGATION_TOKEN_EXPIRED', false, 'The delegation token has expired.'],
  [67, 'INVALID_PRINCIPAL_TYPE', false, 'The principal type is not supported.'],
  [68, 'NON_EMPTY_GROUP', false, 'The group is not empty, so it cannot be deleted.'],
  [69, 'GROUP_ID_NOT_FOUND', false, 'The group does not exist.'],
  [70, 'FETCH_SESSION_ID_NOT_FOUND', true, 'The fetch session id is unknown to the broker.'],
  [71, 'INVALID_FETCH_SESSION_EPOCH', true, 'The fetch session epoch is not the expected one.'],
  [72, 'LISTENER_NOT_FOUND', true, 'The leader has no endpoint for the listener the request arrived on.'],
  [73, 'TOPIC_DELETION_DISABLED', false, 'Topic deletion is disabled on the broker.'],
  [74, 'FENCED_LEADER_EPOCH', true, "The request's leader epoch is older than the broker's."],
  [75, 'UNKNOWN_LEADER_EPOCH', true, "The request's leader epoch is newer than the broker knows."],
  [
    76,
    'UNSUPPORTED_COMPRESSION_TYPE',
    false,
    'The requesting client does not support the compression type of the data.',
  ],
  [77, 'STALE_BROKER_EPOCH', false, 'The broker epoch in the request is stale.'],
  [
    78,
    'OFFSET_NOT_AVAILABLE',
    true,
    'The leader high watermark has not caught up yet, so the offset is not available.',
  ],
  [
    79,
    'MEMBER_ID_REQUIRED',
    false,
    'The member must rejoin the group with the member id the broker assigned.',
  ],
  [80, 'PREFERRED_LEADER_NOT_AVAILABLE', true, 'The preferred leader is not available.'],
  [81, 'GROUP_MAX_SIZE_REACHED', false, 'The group has reached its maximum number of members.'],
  [
    82,
    'FENCED_INSTANCE_ID',
    false,
    'Another member with the same group.instance.id took over (static membership).',
  ],
  [83, 'ELIGIBLE_LEADERS_NOT_AVAILABLE', true, 'No eligible replica is available to become leader.'],
  [
    84,
    'ELECTION_NOT_NEEDED',
    true,
    'The leader election was not needed (the preferred leader already leads).',
  ],
  [85, 'NO_REASSIGNMENT_IN_PROGRESS', false, 'No partition reassignment is in progress.'],
  [
    86,
    'GROUP_SUBSCRIBED_TO_TOPIC',
    false,
    'The group is still subscribed to the topic, so its offsets cannot be deleted.',
  ],
  [
    87,
    'INVALID_RECORD',
    false,
    'A record failed broker-side validation (for example a missing key on a compacted topic).',
  ],
  [
    88,
    'UNSTABLE_OFFSET_COMMIT',
    true,
    'There are unstable (pending transactional) offsets for this partition.',
  ],
  [89, 'THROTTLING_QUOTA_EXCEEDED', true, 'A throttling quota was exceeded.'],
  [90, 'PRODUCER_FENCED', false, 'A newer producer with the same transactional id fenced this one.'],
  [91, 'RESOURCE_NOT_FOUND', false, 'The requested resource does not exist.'],
  [92, 'DUPLICATE_RESOURCE', false, 'The request names the same resource more than once.'],
  [93, 'UNACCEPTABLE_CREDENTIAL', false, 'The requested credential does not meet the requirements.'],
  [
    94,
    'INCONSISTENT_VOTER_SET',
    false,
    'The replica is not a voter, or the voter sets do not agree (KRaft).',
  ],
  [95, 'INVALID_UPDATE_VERSION', false, 'The update version is invalid.'],
  [96, 'FEATURE_UPDATE_FAILED', false, 'A feature update failed to apply.'],
  [97, 'PRINCIPAL_DESERIALIZATION_FAILURE', false, 'The forwarded principal could not be deserialized.'],
  [98, 'SNAPSHOT_NOT_FOUND', false, 'The requested snapshot was not found (KRaft).'],
  [99, 'POSITION_OUT_OF_RANGE', false, 'The requested position is outside the snapshot (KRaft).'],
  [100, 'UNKNOWN_TOPIC_ID', true, 'This broker does not know the topic id.'],
  [101, 'DUPLICATE_BROKER_REGISTRATION', false, 'A broker with this id is already registered.'],
  [102, 'BROKER_ID_NOT_REGISTERED', false, 'The broker id is not registered.'],
  [103, 'INCONSISTENT_TOPIC_ID', true, "The topic id does not match the topic's id on the broker."],
  [104, 'INCONSISTENT_CLUSTER_ID', false, "The cluster id does not match this cluster's."],
  [105, 'TRANSACTIONAL_ID_NOT_FOUND', false, 'The transactional id was not found.'],
  [
    106,
    'FETCH_SESSION_TOPIC_ID_ERROR',
    true,
    'The fetch session saw a topic id change or a missing topic id.',
  ],
  [107, 'INELIGIBLE_REPLICA', false, 'The new ISR contains at least one ineligible replica.'],
  [
    108,
    'NEW_LEADER_ELECTED',
    false,
    'A new leader was elected, so the AlterPartition request was not applied.',
  ],
  [
    109,
    'OFFSET_MOVED_TO_TIERED_STORAGE',
    false,
    'The offset is no longer on local disk; it moved to tiered storage.',
  ],
  [110, 'FENCED_MEMBER_EPOCH', false, "The member's epoch is fenced by the coordinator; it must rejoin."],
  [111, 'UNRELEASED_INSTANCE_ID', false, 'The group.instance.id is still in use by another member.'],
  [112, 'UNSUPPORTED_ASSIGNOR', false, 'The requested server-side assignor is not supported.'],
  [113, 'STALE_MEMBER_EPOCH', false, "The member's epoch is stale (e.g. for an offset commit)."],
  [
    114,
    'MISMATCHED_ENDPOINT_TYPE',
    false,
    'The request was sent to the wrong kind of endpoint (broker vs controller).',
  ],
  [115, 'UNSUPPORTED_ENDPOINT_TYPE', false, 'This endpoint type does not support the request.'],
  [116, 'UNKNOWN_CONTROLLER_ID', false, 'The controller id is unknown.'],
  [117, 'UNKNOWN_SUBSCRIPTION_ID', false, 'The client telemetry subscription id is unknown.'],
  [118, 'TELEMETRY_TOO_LARGE', false, 'The pushed client telemetry is too large.'],
  [119, 'INVALID_REGISTRATION', false, 'The controller rejected the broker registration as invalid.'],
  [
    120,
    'TRANSACTION_ABORTABLE',
    false,
    'The transaction hit an error the client can recover from by aborting it.',
  ],
  [
    121,
    'INVALID_RECORD_STATE',
    false,
    'The record is not in a state that allows this operation (share groups).',
  ],
  [122, 'SHARE_SESSION_NOT_FOUND', true, 'The share session id is unknown to the broker.'],
  [123, 'INVALID_SHARE_SESSION_EPOCH', true, 'The share session epoch is not the expected one.'],
  [124, 'FENCED_STATE_EPOCH', false, 'The share-group state epoch is fenced.'],
  [125, 'INVALID_VOTER_KEY', false, 'The voter key does not match the receiving replica (KRaft).'],
  [126, 'DUPLICATE_VOTER', false, 'The voter is already in the voter set (KRaft).'],
  [127, 'VOTER_NOT_FOUND', false, 'The voter is not in the voter set (KRaft).'],
  [128, 'INVALID_REGULAR_EXPRESSION', false, 'The subscription regular expression is invalid.'],
  [
    129,
    'REBOOTSTRAP_REQUIRED',
    false,
    'The client must rebootstrap its metadata from the bootstrap servers.',
  ],
];

export const ERROR_CODES: ReadonlyMap<number, ErrorCodeInfo> = new Map(
  ROWS.map(([code, name, retriable, meaning]) => [code, { code, name, retriable, meaning }]),
);

/** The error's name, e.g. 'NOT_LEADER_OR_FOLLOWER'; 'UNKNOWN_ERROR_CODE(999)' for codes not in the table. */
export function errorName(code: number): string {
  return ERROR_CODES.get(code)?.name ?? `UNKNOWN_ERROR_CODE(${code})`;
}

export function errorInfo(code: number): ErrorCodeInfo | undefined {
  return ERROR_CODES.get(code);
}

export function isRetriable(code: number): boolean {
  return ERROR_CODES.get(code)?.retriable ?? false;
}
