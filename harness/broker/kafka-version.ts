// What differs between the Kafka lines the harness supports (3.5+ KRaft with --add-scram, and 4.x).

export type LoggingBackend = 'log4j2' | 'reload4j';

export interface KafkaFlavor {
  version: string;
  major: number;
  minor: number;
  /** 4.x logs through log4j2; 3.x through log4j 1 (reload4j). */
  logging: LoggingBackend;
}

export function kafkaFlavor(version: string): KafkaFlavor {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`Kafka version must look like 4.1.1, got "${version}"`);
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major < 3 || (major === 3 && minor < 5)) {
    throw new Error(
      `Kafka ${version} is not supported: the harness needs KRaft with SCRAM bootstrap (3.5 or later)`,
    );
  }
  return { version, major, minor, logging: major >= 4 ? 'log4j2' : 'reload4j' };
}
