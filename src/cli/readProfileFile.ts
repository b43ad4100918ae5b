import { readProfile, type UsageProfile } from '../index.js';
import { CliError, CliErrorCode } from './CliError.js';
import { readJsonFile } from './readJsonFile.js';

/**
 * Reads the profile files `preheat profile merge` was given and checks each with the library's own
 * `readProfile`, against the graph of the first file (the CLI has no graph of its own: the files must
 * agree with each other). Each problem is a CliError naming the file: missing, not JSON, not a
 * profile, another format version, or learned on another component graph.
 */
export async function readProfileFiles(paths: readonly string[], cwd: string): Promise<UsageProfile[]> {
  const raws: { path: string; raw: unknown }[] = [];
  for (const path of paths) raws.push({ path, raw: await readJsonFile(path, cwd, { what: 'profile', whenNotJson: ' (pass a profile file)' }) });
  // No graph here: every component a file names is known; the graph hash decides if they agree.
  const known = new Set<string>();
  for (const { raw } of raws) for (const name of componentNames(raw)) known.add(name);
  const first = raws[0]!;
  const hash = (first.raw as { graphHash?: unknown } | null)?.graphHash;
  return raws.map(({ path, raw }) => {
    const reading = readProfile(raw, typeof hash === 'string' ? hash : '', known);
    if (reading.profile !== undefined) return reading.profile;
    const problem = reading.problem.replace(/^the saved profile/, `'${path}'`);
    if (reading.reason === 'stale') {
      throw new CliError(CliErrorCode.ProfileVersion, `${problem} (record it again with this preheat, or merge it with the preheat that wrote it)`);
    }
    if (reading.reason === 'foreign') {
      throw new CliError(
        CliErrorCode.ForeignProfile,
        `${problem.replace('this one is', `'${first.path}' is`)}: profiles of different components or edges cannot be merged (record both on the same build)`,
      );
    }
    throw new CliError(CliErrorCode.NotAProfile, `${problem}: pass a file written by 'profile: { path }' or 'preheat profile record'`);
  });
}


function componentNames(raw: unknown): string[] {
  const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const value = record(raw);
  const names = Object.keys(record(value?.components) ?? {});
  for (const entry of Object.values(record(value?.kinds) ?? {})) names.push(...Object.keys(record(record(entry)?.rows) ?? {}));
  return names;
}
