/** Every file under a folder whose bytes contain the needle (for "the secret is not on disk" checks). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const forms = [needle, Buffer.from(needle).toString('base64'), Buffer.from(needle).toString('hex')];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      hits.push(...filesContaining(path, needle));
      continue;
    }
    const bytes = readFileSync(path);
    if (forms.some((f) => bytes.includes(f))) hits.push(path);
  }
  return hits;
}
