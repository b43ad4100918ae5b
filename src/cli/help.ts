/** `preheat --help`. */
export const helpText = `preheat: boot a module's components with live progress, analyze boot reports, and make profiles.

Usage:
  preheat boot <module> [--report <file.json>] [--quiet] [--json] [--verbose]
      Import <module> and boot what it exports: a function returning a configured Warmup
      (default export, sync or async), a Warmup, or @Component classes and { token, load }
      definitions (registered into a new Warmup). Shows progress, then a summary table.
      --report <file>   write the boot report as JSON
      --quiet           no progress and no table: one summary line
      --json            print the report as JSON on stdout (no progress)
      Exit code 1 when the boot fails.

  preheat analyze blame <report.json> [--json]
      Components sorted by load time, slowest first, with their attempts.

  preheat analyze critical-chain <report.json> [component] [--json]
      The chain of components that decided when the boot (or <component>) finished.
      "@" is when a component settled, "+" how long it took.

  preheat analyze learned <report.json> [--json]
      What the boot learned from its profile: each priority it changed and why, the load
      order, predictions, priming, and any profile it refused.

  preheat analyze plot <report.json> [-o boot.svg | -o boot.html] [--width <px>]
      An SVG timeline (or an HTML page with hover details); SVG on stdout without -o.

  preheat analyze trace <report.json> [-o trace.json]
      Chrome trace-event JSON, for https://ui.perfetto.dev or chrome://tracing.

  preheat demo [--out <dir>] [--profile <dir>]
      Boot a simulated voice assistant; writes boot-report.json and boot-timeline.svg to <dir>.
      It learns: run it twice and the second boot uses what the first recorded (profile and
      snapshots in <dir>/.preheat, or --profile <dir>; delete it to start over).

  preheat profile record <module> [--script <module>] --out <profile.json>
      Record a usage profile in CI: boot <module> with a fresh profile, run the script's default
      export, async (warmup, container) => { ... } (its work in warmup.track(kind, fn)), shut
      down, and write the profile. A factory is called with { profile }: pass it into its Warmup;
      exported components get it; a Warmup the module made itself cannot record.

  preheat profile merge <a.json> <b.json> [...] --out <merged.json>
      Merge profiles of the same component graph (a CI one and one learned in production):
      counts add up, averages weigh by boots. Refuses a file of another graph or format.

Options for every command:
  --verbose         more output; stack traces on errors
  -h, --help        this help
  --version         the version of preheat
`;
