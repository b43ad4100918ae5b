/**
 * A readable one-line message for anything thrown: Errors give their message, the rest are printed.
 * Total: a value that cannot even be looked at (a revoked Proxy, an Error whose `message` getter
 * throws) still gets a line, so reporting a failure can never fail in turn.
 */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) {
      const message: unknown = error.message;
      return (typeof message === 'string' ? message.split('\n', 1)[0] : undefined) || error.name || 'Error';
    }
    if (error === undefined) return 'undefined was thrown';
    if (typeof error === 'string') return error;
    try {
      return `non-Error thrown: ${JSON.stringify(error)}`;
    } catch {
      return `non-Error thrown: ${Object.prototype.toString.call(error)}`;
    }
  } catch {
    return 'an unreadable value was thrown (a revoked Proxy, or an Error whose message cannot be read)';
  }
}
