// A user error is something the user can fix (bad scenario, unknown store, unreachable server, bad flag):
// the CLI prints its one-line message and exits 2, never a stack trace.
export const EXIT_USER_ERROR = 2;

export class UserError extends Error {
  readonly exitCode = EXIT_USER_ERROR;

  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
