/** Replaces every known secret value in a text (error messages, notices) with "***". */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length < 4) continue;
    out = out.split(s).join('***');
  }
  return out;
}
