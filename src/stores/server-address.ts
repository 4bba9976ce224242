// How a networked store names its server to the user: in StoreInfo, and in the one-line error when the server
// cannot be reached. Passwords never reach a report or a terminal.
import { UserError, errorMessage } from '../errors.js';

/**
 * Query parameters that carry a secret in some driver's URL: pg honours ?password= and ?sslpassword=, MongoDB
 * ?authMechanismProperties= may hold a token, HTTP-fronted stores take ?token= or ?api_key=. Matched by name
 * fragment, so authToken and x-api-key are caught too.
 */
const SECRET_PARAMETER =
  /pass|pwd|secret|token|api[-_]?key|^key$|private|credential|signature|authmechanismproperties/i;

/** Masks every secret-looking query parameter's value, leaving the rest of the text exactly as it was. */
function maskSecretParameters(text: string): string {
  return text.replace(/([?&;])([^=&;#]*)=([^&;#]*)/g, (whole, separator: string, name: string) =>
    SECRET_PARAMETER.test(decodeSafely(name)) ? `${separator}${name}=***` : whole,
  );
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * What cannot be parsed as a URL (a port of 99999, "54x32", several hosts) may still hold a password: the userinfo
 * before the last "@" of the authority keeps its user name and loses the rest.
 */
function maskUserinfo(text: string): string {
  return text.replace(/^([^:/?#]*:\/\/)([^/?#]*)@/, (_whole, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon === -1 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}:***@`;
  });
}

/**
 * The URL as a user may see it: any password replaced by "***", in the userinfo and in secret-looking query
 * parameters. A URL that does not parse is masked as text rather than returned as given.
 */
export function redactedAddress(url: string): string {
  let text: string;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    text = parsed.toString();
  } catch {
    text = maskUserinfo(url);
  }
  return maskSecretParameters(text);
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
