// How a networked store names its server to the user: in StoreInfo, and in the one-line error when the server
// cannot be reached. Passwords never reach a report or a terminal.
import { UserError, errorMessage } from '../errors.js';

/** The URL with any password replaced by "***"; an unparsable URL is returned as given (it holds no secret we know of). */
export function redactedAddress(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Socket error codes as a user reads them; anything else keeps the driver's own message. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
  ETIMEDOUT: 'connection timed out',
};

/** The reason part of the one-line message, from a socket error (with a code) or any other failure. */
export function unreachableReason(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && REASONS[code]) return REASONS[code];
  return errorMessage(cause);
}

/** `store redis at redis://127.0.0.1:6399: connection refused` — what the CLI prints before exiting 2. */
export function unreachableStore(kind: string, address: string, cause: unknown): UserError {
  return new UserError(`store ${kind} at ${address}: ${unreachableReason(cause)}`);
}
