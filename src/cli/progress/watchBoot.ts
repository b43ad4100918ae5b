import type { Subscription } from 'rxjs';
import { ComponentStatus, type BootProgress, type BootReport, type ComponentEvent, type Warmup } from '../../index.js';
import { formatDuration } from '../../report/formatDuration.js';
import type { Terminal } from '../Terminal.js';
import { shortReason } from '../format/shortReason.js';
import { terminalText } from '../format/terminalText.js';
import { progressBar } from './progressBar.js';

/** `bar`: a line redrawn in place under the event lines (a terminal); `lines`: events only (CI, pipes); `off`. */
export type ProgressMode = 'bar' | 'lines' | 'off';

/** What the progress display reads from a Warmup. */
export type Watchable = Pick<Warmup, 'events$' | 'progress$' | 'report'>;

const outcomeWords: Readonly<Record<string, string>> = { failed: 'failed', timeout: 'timed out', unhealthy: 'was unhealthy', cancelled: 'was cancelled' };

/**
 * Shows a boot as it happens: a line per wave, per settled component and per retry, plus (in `bar`
 * mode) a progress line with the counts, the wave and what is loading, redrawn in place. Call the
 * returned function when the boot is over; it removes the bar.
 */
export function watchBoot(warmup: Watchable, term: Terminal, mode: ProgressMode, verbose: boolean): () => void {
  if (mode === 'off') return () => undefined;
  const { paint } = term;
  const initial = warmup.report();
  const required = new Map(Object.values(initial.components).map((c) => [c.name, c.required]));
  // Names and messages come from the module: every one printed goes through terminalText.
  const nameWidth = Math.min(32, [...required.keys()].reduce((w, name) => Math.max(w, terminalText(name).length), 0));
  const loading = new Map<string, number>();
  const wallStart = Date.now();
  let t0: number | undefined;
  let progress: BootProgress | undefined;
  let waveName = '';
  let barShown = false;

  const clearBar = (): void => {
    if (barShown) term.out.write('\r\x1b[2K');
    barShown = false;
  };
  const drawBar = (): void => {
    if (mode !== 'bar' || progress === undefined || progress.wave < 0) return; // nothing to show before the first wave
    term.out.write(`\r\x1b[2K${progressBar(progress, [...loading.keys()], Date.now() - wallStart, term.columns, paint)}`);
    barShown = true;
  };
  const print = (line: string): void => {
    clearBar();
    term.out.write(`${line}\n`);
    drawBar();
  };
  const at = (ms: number): string => `@${formatDuration(ms - (t0 ?? ms))}`;

  const onEvent = (e: ComponentEvent): void => {
    t0 ??= warmup.report().startedAt; // once: the boot's own start, so times match the report
    if (e.type === 'warning') return print(`  ${paint.yellow('!')} ${terminalText(e.name)}: ${terminalText(e.message ?? '')}`);
    if (e.type === 'attempt') {
      if (e.outcome === 'ready' || e.outcome === undefined) return;
      const word = outcomeWords[e.outcome] ?? e.outcome;
      // A retry follows only if the component is still loading once the attempt's promise chain has run.
      setImmediate(() => {
        if (loading.has(e.name)) print(`  ${paint.magenta('↻')} ${terminalText(e.name)}: attempt ${e.attempt ?? '?'} ${word}, retrying`);
      });
      return;
    }
    switch (e.status) {
      case ComponentStatus.Loading:
        loading.set(e.name, e.at);
        if (verbose) print(`  ${paint.grey('…')} ${terminalText(e.name).padEnd(nameWidth)}  ${at(e.at)} loading`);
        else drawBar();
        return;
      case ComponentStatus.Ready:
      case ComponentStatus.Degraded:
      case ComponentStatus.Failed:
        return print(settledLine(e));
      case ComponentStatus.Skipped:
        return print(`  ${paint.grey('-')} ${terminalText(e.name).padEnd(nameWidth)}  ${paint.grey(`skipped: ${terminalText(e.message ?? 'disabled')}`)}`);
      case ComponentStatus.Pending:
      case ComponentStatus.Stopped:
        return;
    }
  };

  const settledLine = (e: ComponentEvent): string => {
    const started = loading.get(e.name);
    loading.delete(e.name);
    const took = started === undefined ? 'not run' : `+${formatDuration(e.at - started)}`;
    const name = terminalText(e.name).padEnd(nameWidth);
    const reason = e.error === undefined ? '' : `: ${terminalText(shortReason(e.error.message, e.name))}`;
    const optional = required.get(e.name) === false ? ' (optional)' : '';
    if (e.status === 'ready') return `  ${paint.green('✓')} ${name}  ${at(e.at)} ${took}`;
    if (e.status === 'degraded') return `  ${paint.yellow('~')} ${name}  ${at(e.at)} ${took}  ${paint.yellow('degraded')}${paint.grey(reason)}`;
    return `  ${paint.red('✗')} ${name}  ${at(e.at)} ${took}  ${paint.red(`failed${optional}`)}${paint.grey(reason)}`;
  };

  let waveSizes: number[] | undefined;
  const onProgress = (p: BootProgress): void => {
    progress = p;
    if (p.wave < 0 || p.waveName === waveName || p.waveName === 'idle') return drawBar();
    waveName = p.waveName;
    if (waveName === 'eager') return print(paint.cyan('▸ eager: every wave at once, most urgent first'));
    // Once the boot has planned, the report knows each component's wave: empty waves get no heading.
    waveSizes ??= countWaves(warmup.report().components);
    const size = waveSizes[p.wave] ?? 0;
    if (size > 0) print(paint.cyan(`▸ wave ${waveName} ${paint.grey(`(${size} component${size === 1 ? '' : 's'})`)}`));
    else drawBar();
  };

  const subscriptions: Subscription[] = [warmup.events$.subscribe(onEvent), warmup.progress$.subscribe(onProgress)];
  const timer = mode === 'bar' ? setInterval(drawBar, 100) : undefined;
  timer?.unref();
  return () => {
    for (const s of subscriptions) s.unsubscribe();
    if (timer !== undefined) clearInterval(timer);
    clearBar();
  };
}

function countWaves(components: BootReport['components']): number[] {
  const sizes: number[] = [];
  for (const c of Object.values(components)) sizes[c.wave] = (sizes[c.wave] ?? 0) + 1;
  return sizes;
}
