import { beforeAll, describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Priority, Warmup, type ComponentDefinition, type UsageProfile } from '../../src/index.js';
import { ensureBuilt, fixture, runBin, tempDir } from './runBin.js';

const read = (path: string): UsageProfile => JSON.parse(readFileSync(path, 'utf8')) as UsageProfile;

// The graph of fixtures/profileApp.mjs, as the production app builds it (same names, same edges).
const productionItems = (): ComponentDefinition[] => [
  { token: 'config', priority: Priority.CRITICAL, load: () => ({ region: 'eu' }) },
  { token: 'db', priority: Priority.HIGH, dependsOn: ['config'], load: () => ({ query: () => [] }) },
  { token: 'search', priority: Priority.LOW, dependsOn: ['db'], load: () => ({ find: () => [] }) },
  { token: 'checkout', priority: Priority.LOW, dependsOn: ['db'], load: () => ({ pay: () => true }) },
];

describe('preheat profile record', () => {
  beforeAll(ensureBuilt, 120_000);

  it('should boot the module with a profile, run the script, and write the kinds and uses it saw', async () => {
    const out = join(tempDir(), 'ci', 'profile.json');
    const { code, stdout, stderr } = await runBin(['profile', 'record', fixture('profileApp.mjs'), '--script', fixture('profileScript.mjs'), '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`Recorded a profile of 4 components and 2 kinds (search, checkout) to ${out}\n`);
    const profile = read(out);
    expect(profile).toMatchObject({ format: 'preheat-profile', boots: 1 });
    expect(Object.keys(profile.components).sort()).toEqual(['checkout', 'config', 'db', 'search']);
    expect(profile.components.search!.gets).toBe(3);
    expect(profile.components.checkout!.gets).toBe(1);
    expect(profile.components.config!.bootsUnused).toBe(1);
    expect(profile.kinds.search).toEqual({ runs: 3, rows: { search: { hits: 3, misses: 0, consecutiveMisses: 0 } } });
    expect(Object.keys(profile.kinds.checkout!.rows).sort()).toEqual(['checkout', 'db']);
  });

  it('should record a fresh profile each time, not fold in what --out held, and record load times without a script', async () => {
    const out = join(tempDir(), 'profile.json');
    for (let k = 0; k < 2; k++) expect((await runBin(['profile', 'record', fixture('profileApp.mjs'), '--out', out])).code).toBe(0);
    const profile = read(out);
    expect(profile.boots).toBe(1);
    expect(profile.kinds).toEqual({});
    expect(profile.components.db!.loadMs).toEqual(expect.any(Number));
  });

  it('should refuse a module whose Warmup cannot take the profile, and write nothing', async () => {
    const dir = tempDir();
    const instance = await runBin(['profile', 'record', fixture('profileInstance.mjs'), '--out', join(dir, 'a.json')]);
    expect(instance.code).toBe(1);
    expect(instance.stderr).toMatch(/^preheat: PREHEAT_CLI_PROFILE_IGNORED: the default export of '.*profileInstance\.mjs' is a Warmup made by the module/);
    // factory.mjs ignores the options it is called with: its Warmup never saves a profile.
    const ignoring = await runBin(['profile', 'record', fixture('factory.mjs'), '--out', join(dir, 'b.json')]);
    expect(ignoring.code).toBe(1);
    expect(ignoring.stderr).toContain('PREHEAT_CLI_PROFILE_IGNORED: the Warmup returned by the default export');
    expect(ignoring.stderr).toContain('must pass it into its Warmup');
    expect(existsSync(join(dir, 'a.json')) || existsSync(join(dir, 'b.json'))).toBe(false);
  });

  it('should fail with the script error and write nothing when the script throws', async () => {
    const out = join(tempDir(), 'profile.json');
    const { code, stderr } = await runBin(['profile', 'record', fixture('profileApp.mjs'), '--script', fixture('profileScriptThrows.mjs'), '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^preheat: PREHEAT_CLI_SCRIPT_FAILED: script '.*profileScriptThrows\.mjs' threw: search index missing; no profile written\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('should fail and write nothing when a required component fails (exported components get the profile too)', async () => {
    const out = join(tempDir(), 'profile.json');
    const { code, stderr } = await runBin(['profile', 'record', fixture('failing.mjs'), '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^preheat: PREHEAT_CLI_BOOT_FAILED: boot failed: required component\(s\) failed: (api, db|db, api); no profile written\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('should say what is missing: --out, a script with a default function', async () => {
    const noOut = await runBin(['profile', 'record', fixture('profileApp.mjs')]);
    expect(noOut.stderr).toMatch(/^preheat: PREHEAT_CLI_USAGE: where to write the profile\?/);
    const notAFunction = await runBin(['profile', 'record', fixture('profileApp.mjs'), '--script', fixture('components.mjs'), '--out', join(tempDir(), 'p.json')]);
    expect(notAFunction.code).toBe(1);
    expect(notAFunction.stderr).toContain('PREHEAT_CLI_BAD_SCRIPT');
  });
});

describe('preheat profile merge', () => {
  let dir: string;
  let ci: string;
  let production: string;

  beforeAll(async () => {
    await ensureBuilt();
    dir = tempDir();
    ci = join(dir, 'ci.json');
    const recorded = await runBin(['profile', 'record', fixture('profileApp.mjs'), '--script', fixture('profileScript.mjs'), '--out', ci]);
    if (recorded.code !== 0) throw new Error(recorded.stderr);
    // Learned in production: two boots of the same graph with profile: { path }, checkout traffic only.
    production = join(dir, 'production.json');
    for (let k = 0; k < 2; k++) {
      const warmup = new Warmup(new Container(), { profile: { path: production } }).register(productionItems());
      await warmup.boot();
      for (let n = 0; n < 4; n++) await warmup.track('checkout', () => warmup.container.get('checkout'));
      await warmup.shutdown();
    }
  }, 120_000);

  it('should merge a CI profile with a production one: counts add up, and a boot uses the result', async () => {
    const out = join(dir, 'merged', 'profile.json');
    const { code, stdout, stderr } = await runBin(['profile', 'merge', ci, production, '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [a, b, merged] = [read(ci), read(production), read(out)];
    expect(stdout).toBe(`Merged 2 profiles (${a.boots + b.boots} boots, 4 components, 2 kinds) into ${out}\n`);
    expect(b.boots).toBe(2);
    expect(merged.boots).toBe(3);
    expect(merged.components.checkout!.gets).toBe(a.components.checkout!.gets + b.components.checkout!.gets);
    expect(merged.components.search!.gets).toBe(a.components.search!.gets + b.components.search!.gets);
    expect(merged.kinds.checkout!.runs).toBe(a.kinds.checkout!.runs + b.kinds.checkout!.runs);
    expect(merged.kinds.checkout!.rows.checkout!.hits).toBe(a.kinds.checkout!.rows.checkout!.hits + b.kinds.checkout!.rows.checkout!.hits);
    expect(merged.kinds.search).toEqual(a.kinds.search); // only CI searched
    // The merged file is a profile the production app accepts.
    const warmup = new Warmup(new Container(), { profile: { path: out } }).register(productionItems());
    const report = await warmup.boot();
    await warmup.shutdown();
    expect(report.learned?.warnings).toEqual([]);
    expect(report.learned?.profileBoots).toBe(3);
  });

  it('should refuse a file that is not JSON, not a profile, of another format version or of another graph, naming it', async () => {
    const write = (name: string, content: string): string => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const cases: [string, string, RegExp][] = [
      [write('broken.json', '{"format":'), 'PREHEAT_CLI_NOT_JSON', /'.*broken\.json' is not JSON/],
      [write('report.json', '{"components":[]}'), 'PREHEAT_CLI_NOT_A_PROFILE', /'.*report\.json' is corrupt or foreign \(no format: "preheat-profile"\)/],
      [write('stale.json', JSON.stringify({ ...read(ci), formatVersion: 99 })), 'PREHEAT_CLI_PROFILE_VERSION', /'.*stale\.json' is stale: format version 99/],
      [write('foreign.json', JSON.stringify({ ...read(ci), graphHash: 'g1-00000000-2' })), 'PREHEAT_CLI_FOREIGN_PROFILE', /'.*foreign\.json' is foreign: learned on component graph g1-00000000-2, '.*ci\.json' is g1-/],
      [join(dir, 'missing.json'), 'PREHEAT_CLI_NO_SUCH_FILE', /cannot read profile '.*missing\.json': no such file/],
    ];
    for (const [file, errorCode, message] of cases) {
      const out = join(dir, `merged-${errorCode}.json`);
      const { code, stderr } = await runBin(['profile', 'merge', ci, file, '--out', out]);
      expect(code).toBe(1);
      expect(stderr).toMatch(new RegExp(`^preheat: ${errorCode}: `));
      expect(stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('should want two files and --out', async () => {
    expect((await runBin(['profile', 'merge', ci, '--out', join(dir, 'one.json')])).stderr).toContain('PREHEAT_CLI_USAGE: expected two or more profile files, got 1');
    expect((await runBin(['profile', 'merge', ci, production])).stderr).toContain('PREHEAT_CLI_USAGE: where to write the merged profile?');
  });
});
