/**
 * An error reduced to what is safe to log: its class and a bounded message. The stack and `cause` chain
 * are left out because they may carry transcript text or caller details.
 */
export function describeError(error: unknown): { errorName: string; errorMessage: string } {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message.slice(0, 300) };
  return { errorName: typeof error, errorMessage: 'non-Error value thrown' };
}
