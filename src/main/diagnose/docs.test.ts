// docs/diagnosis.md documents every finding code of the catalog (and no other), each with its
// cause, evidence and fix.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_CATALOG, FINDING_CODES } from './findings';

const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/diagnosis.md'), 'utf8');
const sections = new Map(
  doc
    .split(/^### /m)
    .slice(1)
    .map((s) => [s.slice(0, s.indexOf('\n')).trim(), s] as const),
);

describe('docs/diagnosis.md', () => {
  it('has a section for each code, and none for codes that do not exist', () => {
    expect([...sections.keys()].sort()).toEqual([...FINDING_CODES].sort());
  });

  it.each(FINDING_CODES)('%s: severity, cause, evidence and fix as in the catalog', (code) => {
    const s = sections.get(code)!;
    const c = FINDING_CATALOG[code];
    expect(s).toContain(`Severity: **${c.severity}**`);
    expect(s).toContain(`- **Cause:** ${c.doc.cause}`);
    expect(s).toContain(`- **Evidence:** ${c.doc.evidence}`);
    expect(s).toContain(`- **Fix:** ${c.doc.fix}`);
    expect(doc).toContain(`| [\`${code}\`](#${code.toLowerCase()}) | ${c.severity} | ${c.title} |`);
  });
});
