/**
 * Generates the Kafka protocol codecs (src/main/core/protocol/generated) from Apache Kafka's JSON message
 * schemas. Input: $KAFKA_MESSAGES_DIR, or ../shared/kafka-messages relative to the repository root.
 * Output is deterministic: the same input always produces byte-identical files.
 *
 *   npm run gen:protocol
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, summarize } from './generate';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const inputDir = process.env.KAFKA_MESSAGES_DIR
  ? resolve(process.cwd(), process.env.KAFKA_MESSAGES_DIR)
  : resolve(repoRoot, '..', 'shared', 'kafka-messages');
const outDir = join(repoRoot, 'src', 'main', 'core', 'protocol', 'generated');

function main(): void {
  if (!existsSync(inputDir)) {
    throw new Error(`schema directory not found: ${inputDir} (set KAFKA_MESSAGES_DIR)`);
  }
  const { messages, apiCount, files } = generate(inputDir);
  const { written, removed } = writeOutput(files);
  const stats = summarize(messages);
  const size = [...files.values()].reduce((n, s) => n + Buffer.byteLength(s), 0);
  console.log(
    `gen-protocol: ${messages.length} schemas from ${relative(process.cwd(), inputDir) || '.'}; ` +
      `${apiCount} APIs, ${stats.versions} message versions -> ${stats.functions} distinct wire shapes; ` +
      `${files.size} files (${(size / 1024).toFixed(0)} KiB) in ${relative(process.cwd(), outDir)}; ` +
      `${written} changed, ${removed} removed`,
  );
}

/** Writes changed files only, and removes generated files that are no longer produced. */
function writeOutput(files: Map<string, string>): { written: number; removed: number } {
  let written = 0;
  let removed = 0;
  for (const [rel, content] of [...files.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const path = join(outDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
    writeFileSync(path, content);
    written++;
  }
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!files.has(relative(outDir, path).split('\\').join('/'))) {
        rmSync(path);
        removed++;
      }
    }
  };
  walk(outDir);
  return { written, removed };
}

main();
