/** A writable stream as the CLI needs it (process.stdout, or a test double). */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Where the CLI writes and how: colours and redrawing only on a terminal, `NO_COLOR` respected. */
export interface Terminal {
  readonly out: OutputStream;
  readonly err: OutputStream;
  /** stdout is a terminal: the progress line may be redrawn in place. */
  readonly tty: boolean;
  readonly columns: number;
  readonly paint: Paint;
}

export type Paint = Record<'green' | 'yellow' | 'red' | 'grey' | 'bold' | 'magenta' | 'cyan', (text: string) => string>;

const codes: Record<keyof Paint, [number, number]> = {
  green: [32, 39],
  yellow: [33, 39],
  red: [31, 39],
  grey: [90, 39],
  bold: [1, 22],
  magenta: [35, 39],
  cyan: [36, 39],
};

export function makePaint(enabled: boolean): Paint {
  const entries = Object.entries(codes).map(([name, [open, close]]) => [
    name,
    enabled ? (text: string) => `\x1b[${open}m${text}\x1b[${close}m` : (text: string) => text,
  ]);
  return Object.fromEntries(entries) as Paint;
}

export function makeTerminal(out: OutputStream, err: OutputStream, env: NodeJS.ProcessEnv): Terminal {
  const tty = out.isTTY === true && env.TERM !== 'dumb';
  const colour = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : tty && env.NO_COLOR === undefined;
  return { out, err, tty, columns: out.columns ?? 80, paint: makePaint(colour) };
}

/** Length of `text` as shown, ANSI colour codes not counted. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '').length;
}
