/**
 * What importing costs a fresh process: `node bench/contenders/import.js <variant>` with variant
 * `empty`, `rxjs`, `inversify` or `preheat` (then `preheat/http` on top, in the same process).
 *
 * No static imports, so the first line below is the first user code the process runs (node's own
 * start-up is over), and nothing is loaded before the import that is timed. `preheat` is a bare
 * specifier resolved through package.json `exports` by self-reference, as a user's import is: the
 * harness runs a copy of this file placed beside a copy of package.json and dist/, so that it
 * resolves to the run's snapshot; run in place, it resolves to this checkout's dist/.
 *
 * Prints `@@RESULT {json}` with epoch times (performance.timeOrigin + now(), comparable with the
 * parent's clock taken just before the spawn) and times since this process's own time origin.
 */
const firstLine = performance.now();
const variant = process.argv[2];
const specifiers = { empty: [], rxjs: ['rxjs'], inversify: ['inversify'], preheat: ['preheat', 'preheat/http'] }[variant];
const result = { name: `import:${variant}`, ok: true, valid: true, firstLineMs: firstLine, firstLineEpoch: performance.timeOrigin + firstLine, steps: [] };
try {
  if (specifiers === undefined) throw new Error(`unknown import variant ${variant}`);
  for (const specifier of specifiers) {
    const exports = await import(specifier);
    const at = performance.now();
    // The exports are checked after the clock: an import that resolved to nothing must not win.
    const names = Object.keys(exports).length;
    if (names === 0) throw new Error(`import('${specifier}') has no exports`);
    result.steps.push({ specifier, ms: at, epoch: performance.timeOrigin + at, exports: names, rssMb: process.memoryUsage.rss() / 1048576, peakRssMb: process.resourceUsage().maxRSS / 1024 });
  }
  // Where each specifier resolved (after the clock): the run's snapshot, through `exports`.
  result.resolved = specifiers.map((specifier) => import.meta.resolve(specifier));
  if (variant === 'empty') result.steps.push({ specifier: '', ms: firstLine, epoch: result.firstLineEpoch, exports: 0, rssMb: process.memoryUsage.rss() / 1048576, peakRssMb: process.resourceUsage().maxRSS / 1024 });
} catch (error) {
  Object.assign(result, { ok: false, valid: false, error: error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error) });
}
process.stdout.write(`@@RESULT ${JSON.stringify(result)}\n`);
