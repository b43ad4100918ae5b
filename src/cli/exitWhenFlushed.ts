/**
 * Exits once stdout and stderr have flushed. A booted module may keep timers or sockets open;
 * the command is over, so the process should not wait for them.
 */
export function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
