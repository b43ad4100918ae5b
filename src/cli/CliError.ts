/** Stable codes of the errors the `preheat` command reports (one line on stderr, exit code 1). */
export const CliErrorCode = {
  Usage: 'PREHEAT_CLI_USAGE',
  NoSuchFile: 'PREHEAT_CLI_NO_SUCH_FILE',
  NotJson: 'PREHEAT_CLI_NOT_JSON',
  NotAReport: 'PREHEAT_CLI_NOT_A_REPORT',
  ReportVersion: 'PREHEAT_CLI_REPORT_VERSION',
  ImportFailed: 'PREHEAT_CLI_IMPORT_FAILED',
  NoComponents: 'PREHEAT_CLI_NO_COMPONENTS',
  BadFactory: 'PREHEAT_CLI_BAD_FACTORY',
  UnknownComponent: 'PREHEAT_CLI_UNKNOWN_COMPONENT',
  WriteFailed: 'PREHEAT_CLI_WRITE_FAILED',
  BootFailed: 'PREHEAT_CLI_BOOT_FAILED',
  NotAProfile: 'PREHEAT_CLI_NOT_A_PROFILE',
  ProfileVersion: 'PREHEAT_CLI_PROFILE_VERSION',
  ForeignProfile: 'PREHEAT_CLI_FOREIGN_PROFILE',
  ProfileIgnored: 'PREHEAT_CLI_PROFILE_IGNORED',
  BadScript: 'PREHEAT_CLI_BAD_SCRIPT',
  ScriptFailed: 'PREHEAT_CLI_SCRIPT_FAILED',
  Unexpected: 'PREHEAT_CLI_UNEXPECTED',
} as const;

export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];

/**
 * A problem with what the user gave the command (a missing file, a module without components…).
 * The message is one line that names the culprit and hints at the fix; no stack trace is printed
 * for it unless `--verbose`.
 */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** The message of anything thrown, on one line. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim();
}
