/**
 * The first line of an error message without the `Component '<name>' ` the line it is printed on
 * already says: `failed to load: ECONNREFUSED` → `ECONNREFUSED`, `is unhealthy: its health check
 * answered false` → `its health check answered false` (the line says degraded).
 */
export function shortReason(message: string, name: string): string {
  let line = message.split('\n', 1)[0] ?? '';
  const prefix = `Component '${name}' `;
  if (line.startsWith(prefix)) line = line.slice(prefix.length);
  return line.replace(/^failed to load: /, '').replace(/^is unhealthy: /, '').replace(/^is /, '');
}
