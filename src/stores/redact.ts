// Store addresses appear in messages and reports: never with a password.
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not a URL we can parse: hide anything between "//" and "@" that could hold credentials.
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
