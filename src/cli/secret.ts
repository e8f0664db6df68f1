/**
 * Reads the SASL secret from where the user said: an environment variable, standard input,
 * the command line, or a prompt on the terminal (no echo). Never logged, never exported.
 */
import type { Readable, Writable } from 'node:stream';
import { UsageError, type SecretSource } from './args';

export interface SecretIO {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Prompts on stderr and reads one line from a terminal without echoing it. */
function prompt(io: SecretIO, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = io.stdin;
    io.stderr.write(question);
    let value = '';
    const wasRaw = (stdin as { isRaw?: boolean }).isRaw ?? false;
    stdin.setRawMode?.(true);
    stdin.resume();
    const finish = (err: Error | null): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(null);
        if (ch === '\u0003') return finish(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The secret, or null when none is needed. Throws UsageError when it cannot be had. */
export async function readSecret(source: SecretSource, io: SecretIO, what: string): Promise<string | null> {
  switch (source.kind) {
    case 'none':
      return null;
    case 'env': {
      const v = io.env[source.name];
      if (v === undefined)
        throw new UsageError(`--password-env: environment variable ${source.name} is not set`);
      return v;
    }
    case 'argv':
      return source.value;
    case 'stdin': {
      const text = await readAll(io.stdin);
      const v = text.replace(/\r?\n$/, '');
      if (v === '') throw new UsageError('--password-stdin: standard input was empty');
      return v;
    }
    case 'prompt': {
      if (!io.stdin.isTTY || !io.stderr.isTTY) {
        throw new UsageError(
          `no ${what} given and no terminal to ask on: use --password-env VAR or --password-stdin`,
        );
      }
      const v = await prompt(io, `${what[0]!.toUpperCase()}${what.slice(1)}: `);
      if (v === '') throw new UsageError(`empty ${what}`);
      return v;
    }
  }
}
