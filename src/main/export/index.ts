/** Exports of a session or a troubleshoot run: JSONL, text, pcapng, TLS key log; redaction; import. */
export {
  prepareExport,
  fromTroubleshoot,
  troubleshootRecord,
  APP,
  type ExportInput,
  type ExportOptions,
  type PreparedExport,
} from './prepare';
export { Redactor, REDACTED, type RedactionOptions, type RedactionInfo } from './redaction';
export { toJsonl, jsonlFromPrepared, jsonlLines, writeJsonl } from './jsonl';
export { toText, textFromPrepared } from './text';
export { toPcapng, pcapngFromPrepared, ipBytes, type PcapngOptions } from './pcapng';
export { toKeyLog, isKeyLogLine } from './keylog';
export {
  importJsonl,
  importJsonlFile,
  JsonlImporter,
  type ImportedLog,
  type ImportIssue,
  type ImportResult,
  type ImportOptions,
} from './import';
export {
  LOG_FORMAT,
  LOG_FORMAT_VERSION,
  LogHeaderSchema,
  ConnectionEventSchema,
  PoolEventSchema,
  TroubleshootRecordSchema,
  RedactionInfoSchema,
  type LogHeader,
  type TroubleshootRecord,
} from './log-schema';
