import { join, resolve } from 'node:path';
import type { PredictionReport } from '../../adaptive/LearnedReport.js';
import type { BootReport } from '../../report/BootReport.js';
import { formatDuration } from '../../report/formatDuration.js';
import type { Warmup } from '../../Warmup.js';
import type { WarmupOptions } from '../../WarmupOptions.js';
import { formatLearned } from '../format/formatLearned.js';
import { terminalText } from '../format/terminalText.js';
import { simulate } from './simulate.js';
import type { Paint } from '../Terminal.js';
import { ContextAwareHandler, LearningDatabase, NlpEngine, ScreenLockDetector, VoiceAuth } from './assistant.js';

/**
 * The demo's adaptive part (docs/adaptive.md): where it keeps its profile and snapshots (run it
 * twice and the second boot learns from the first; delete the folder to start over).
 */
export function adaptiveOptions(profileDir: string, cwd: string): Pick<WarmupOptions, 'profile' | 'cache'> {
  const dir = resolve(cwd, profileDir);
  // One unused boot is enough to demote, so the second run already shows it (the default is 3).
  return { profile: { path: join(dir, 'profile.json'), advisor: { unusedBoots: 1 } }, cache: { dir: join(dir, 'cache') } };
}

/** "What this boot learned": the adjustments and their reasons, restored snapshots, priming. */
export function learnedSection(report: BootReport, paint: Paint): string {
  const lines = [paint.bold('Learned from earlier boots'), formatLearned(report.learned, paint)];
  const restored = report.restoredComponents ?? [];
  if (restored.length > 0) lines.push(`  restored from a snapshot instead of warming up: ${restored.map(terminalText).join(', ')}`);
  if (report.primeMs !== undefined) lines.push(`  primed in ${formatDuration(report.primeMs)} before ready`);
  return `${lines.join('\n')}\n`;
}

/** The prediction line of `warmup.prepare(kind)`, or '' when it predicted nothing. */
export function predictionLine(prediction: PredictionReport, paint: Paint): string {
  if (prediction.preloaded.length === 0) return '';
  return `${paint.cyan('▸ predicted')} '${terminalText(prediction.kind)}' is next: preloading ${prediction.preloaded.map(terminalText).join(', ')} in the background\n`;
}

/** A few simulated commands after the boot, so the profile learns what is used early and often. */
export async function serveCommands(warmup: Warmup): Promise<number> {
  const { container } = warmup;
  // Everything but pattern_learner and weather_service, which nothing uses: the next boot demotes them.
  const once: unknown[] = ['config', ScreenLockDetector, 'yabai_detector', 'vision_system', 'macos_controller', LearningDatabase, 'analytics', 'predictive_handler'];
  const often: unknown[] = [VoiceAuth, NlpEngine, ContextAwareHandler, 'proactive_suggestions'];
  let served = 0;
  for (let k = 0; k < 6; k++) {
    await warmup.track('command', async () => {
      for (const token of k === 0 ? [...once, ...often] : often) container.get(token as string);
      await simulate(100, AbortSignal.timeout(5_000)); // the command's own work
    });
    served++;
  }
  return served;
}
