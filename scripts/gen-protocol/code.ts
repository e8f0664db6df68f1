/** A tiny line-based code builder: two-space indentation, '\n' line ends, no trailing spaces. */
export class Code {
  private readonly lines: string[] = [];
  private depth = 0;

  line(text = ''): this {
    this.lines.push(text === '' ? '' : '  '.repeat(this.depth) + text);
    return this;
  }

  /** Adds `open`, indents the body, then adds `close`. */
  block(open: string, body: () => void, close = '}'): this {
    this.line(open);
    this.depth++;
    body();
    this.depth--;
    this.line(close);
    return this;
  }

  indent(body: () => void): this {
    this.depth++;
    body();
    this.depth--;
    return this;
  }

  append(other: Code): this {
    for (const l of other.lines) this.lines.push(l === '' ? '' : '  '.repeat(this.depth) + l);
    return this;
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** A JS literal for a value from a schema (strings JSON-quoted, bigints with n). */
export function literal(v: number | bigint | boolean | string | null): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  return String(v);
}

/** Single-quoted string literal (the project's prettier style). */
export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
