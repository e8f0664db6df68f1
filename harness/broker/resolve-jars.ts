// Resolves a Kafka broker's run-time classpath from Maven Central with Maven, once per
// version: the classpath is cached in .cache/broker/jars/<version>/classpath.txt and reused
// (no Maven run at all) as long as every jar it names still exists.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { kafkaFlavor } from './kafka-version';
import { jarsDir } from './paths';
import { brokerPom } from './pom';
import { checkTool, mvnBin, run } from './tools';

export interface ResolvedClasspath {
  jars: string[];
  /** True when Maven ran this time (first start of a version, or a jar went missing). */
  resolvedNow: boolean;
}

function readCached(file: string, pom: string, pomFile: string): string[] | undefined {
  if (!existsSync(file) || !existsSync(pomFile)) return undefined;
  if (readFileSync(pomFile, 'utf8') !== pom) return undefined; // pom template changed
  const jars = readFileSync(file, 'utf8').trim().split(delimiter).filter(Boolean);
  return jars.length > 0 && jars.every((j) => existsSync(j)) ? jars : undefined;
}

export function resolveClasspath(version: string, log: (msg: string) => void = () => {}): ResolvedClasspath {
  const dir = jarsDir(version);
  const pomFile = join(dir, 'pom.xml');
  const cpFile = join(dir, 'classpath.txt');
  const pom = brokerPom(kafkaFlavor(version));
  const cached = readCached(cpFile, pom, pomFile);
  if (cached) return { jars: cached, resolvedNow: false };

  checkTool(mvnBin(), ['-v'], 'install Maven 3.x (e.g. apt-get install maven) or set MAVEN_HOME');
  mkdirSync(dir, { recursive: true });
  writeFileSync(pomFile, pom);
  log(`resolving Kafka ${version} jars with Maven (first start of this version)...`);
  const tmp = `${cpFile}.tmp`;
  run(
    mvnBin(),
    [
      '-q',
      '-B',
      '-f',
      pomFile,
      'dependency:build-classpath',
      '-Dmdep.includeScope=runtime',
      `-Dmdep.outputFile=${tmp}`,
    ],
    `Resolving org.apache.kafka:kafka_2.13:${version} from Maven Central`,
  );
  const jars = readFileSync(tmp, 'utf8').trim().split(delimiter).filter(Boolean);
  if (!jars.some((j) => j.includes(`kafka_2.13-${version}.jar`))) {
    throw new Error(`Maven classpath for Kafka ${version} doesn't contain kafka_2.13-${version}.jar`);
  }
  renameSync(tmp, cpFile);
  return { jars, resolvedNow: true };
}
