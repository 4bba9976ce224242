// What a failed nano call says about the server: the HTTP status CouchDB answered with, or none when no answer came
// back (a socket error, a timeout). nano copies the status onto the error it rejects with.
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

export function isNotFound(error: unknown): boolean {
  return httpStatus(error) === 404;
}

/** 409: a document with that id exists already (CouchDB never overwrites without the current _rev). */
export function isConflict(error: unknown): boolean {
  return httpStatus(error) === 409;
}

/** 401/403: the url's credentials (or their absence) do not allow the request; the user can fix that. */
export function isForbidden(error: unknown): boolean {
  const status = httpStatus(error);
  return status === 401 || status === 403;
}
