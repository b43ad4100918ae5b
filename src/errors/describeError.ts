/** A readable one-line message for anything thrown: Errors give their message, the rest are printed. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n', 1)[0] ?? error.name;
  if (error === undefined) return 'undefined was thrown';
  if (typeof error === 'string') return error;
  try {
    return `non-Error thrown: ${JSON.stringify(error)}`;
  } catch {
    return `non-Error thrown: ${Object.prototype.toString.call(error)}`;
  }
}
