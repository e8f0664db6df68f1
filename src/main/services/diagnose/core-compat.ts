/**
 * Compile-time proof that the shared contract's mirrors of the diagnose and export layers
 * (src/shared/api/diagnose.ts, logs.ts) match their types: every troubleshoot result, step,
 * finding and observation fits its schema's type, and no field of the source type is
 * missing from the schema. If the diagnose or export layer adds, removes or changes a
 * field, the typecheck fails here, naming the type that drifted.
 */
import type {
  BootstrapAttempt,
  BrokerCheck,
  Evidence,
  Finding,
  Observation,
  Step,
  TlsSummary,
  TopicCheck,
  TroubleshootResult,
} from '../../diagnose';
import type { ImportIssue, LogHeader } from '../../export';
import type {
  BootstrapAttemptData,
  BrokerCheckData,
  EvidenceData,
  FindingData,
  ObservationData,
  TlsSummaryData,
  TopicCheckData,
  TroubleshootResultData,
  TroubleshootStep,
} from '@shared/api/diagnose';
import type { LogHeaderData, LogSummary } from '@shared/api/logs';

type Fits<Shared, Core extends Shared> = Core;
/** Core fields a shared type lacks; must be never. Unions are matched variant by variant on `type`. */
type Missing<Core, Shared> = Core extends { type: infer K }
  ? Exclude<keyof Core, keyof Extract<Shared, { type: K }>>
  : Exclude<keyof Core, keyof Shared>;
type None<T extends never> = T;

/** The result as the contract carries it: the key log stays in the main process, counted. */
export type SharedTroubleshootResult = Omit<TroubleshootResult, 'keyLog'> & { keyLogLines: number };
type Target = TroubleshootResult['target'];
type Bootstrap = NonNullable<TroubleshootResult['bootstrap']>;
type Cluster = NonNullable<TroubleshootResult['cluster']>;
type ImportIssueData = LogSummary['warnings'][number];

export type _ResultFits = Fits<TroubleshootResultData, SharedTroubleshootResult>;
export type _StepFits = Fits<TroubleshootStep, Step>;
export type _TlsFits = Fits<TlsSummaryData, TlsSummary>;
export type _BrokerCheckFits = Fits<BrokerCheckData, BrokerCheck>;
export type _TopicCheckFits = Fits<TopicCheckData, TopicCheck>;
export type _AttemptFits = Fits<BootstrapAttemptData, BootstrapAttempt>;
export type _FindingFits = Fits<FindingData, Finding>;
export type _EvidenceFits = Fits<EvidenceData, Evidence>;
export type _ObservationFits = Fits<ObservationData, Observation>;
export type _LogHeaderFits = Fits<LogHeaderData, LogHeader>;
export type _ImportIssueFits = Fits<ImportIssueData, ImportIssue>;

export type _NoResultFieldMissing = None<Missing<SharedTroubleshootResult, TroubleshootResultData>>;
export type _NoTargetFieldMissing = None<Missing<Target, TroubleshootResultData['target']>>;
export type _NoBootstrapFieldMissing = None<
  Missing<Bootstrap, NonNullable<TroubleshootResultData['bootstrap']>>
>;
export type _NoClusterFieldMissing = None<Missing<Cluster, NonNullable<TroubleshootResultData['cluster']>>>;
export type _NoStepFieldMissing = None<Missing<Step, TroubleshootStep>>;
export type _NoTlsFieldMissing = None<Missing<TlsSummary, TlsSummaryData>>;
export type _NoBrokerCheckFieldMissing = None<Missing<BrokerCheck, BrokerCheckData>>;
export type _NoTopicCheckFieldMissing = None<Missing<TopicCheck, TopicCheckData>>;
export type _NoAttemptFieldMissing = None<Missing<BootstrapAttempt, BootstrapAttemptData>>;
export type _NoFindingFieldMissing = None<Missing<Finding, FindingData>>;
export type _NoEvidenceFieldMissing = None<Missing<Evidence, EvidenceData>>;
export type _NoObservationFieldMissing = None<Missing<Observation, ObservationData>>;
export type _NoLogHeaderFieldMissing = None<Missing<LogHeader, LogHeaderData>>;
export type _NoImportIssueFieldMissing = None<Missing<ImportIssue, ImportIssueData>>;
