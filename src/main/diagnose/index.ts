/** The diagnose layer: findings from events, and the step-by-step troubleshoot runner. */
export {
  diagnose,
  evidenceOf,
  evidenceOfObservation,
  observationSummary,
  plainMessage,
  isLoopbackHost,
  type DiagnoseContext,
  type DiagnoseInput,
} from './engine';
export {
  FINDING_CATALOG,
  FINDING_CODES,
  FindingSchema,
  EvidenceSchema,
  sortFindings,
  hasErrors,
  severities,
  categories,
  type Finding,
  type FindingCode,
  type Evidence,
  type Severity,
  type Category,
  type CatalogEntry,
} from './findings';
export {
  ObservationSchema,
  NestedErrorSchema,
  CertSummarySchema,
  nestedErrors,
  type Observation,
  type NestedError,
} from './observations';
export { summarizeEvent, isPoolEvent, isConnectionEvent } from './summary';
export { probeTls, inspectPeerChain } from './probes';
export {
  troubleshoot,
  troubleshootUpdates,
  type TroubleshootConfig,
  type TroubleshootResult,
  type TroubleshootUpdate,
  type TroubleshootOptions,
  type Step,
  type StepId,
  type StepStatus,
  type BrokerCheck,
  type TopicCheck,
  type TlsSummary,
  type BootstrapAttempt,
  type SecurityProtocol,
} from './troubleshoot';
