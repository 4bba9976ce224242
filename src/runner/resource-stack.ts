// What a layout run opened, closed in reverse order on every path out of it: success, a store failing, a user
// error, Ctrl-C or SIGTERM. A failing close is noted and the rest still close (a stuck proxy must not leave a
// store's namespace behind).
import { errorMessage } from '../errors.js';

interface Entry {
  name: string;
  close(): Promise<void> | void;
}

export class ResourceStack {
  private readonly entries: Entry[] = [];
  private closing: Promise<string[]> | null = null;

  /** Registers close to run when the stack closes (after everything registered later). Returns resource. */
  defer<T>(name: string, resource: T, close: (resource: T) => Promise<void> | void): T {
    if (this.closing) throw new Error(`resource ${name} opened after its run began closing`);
    this.entries.push({ name, close: () => close(resource) });
    return resource;
  }

  /** Closes everything, last opened first; resolves with one line per close that failed. Idempotent. */
  close(): Promise<string[]> {
    this.closing ??= (async () => {
      const failures: string[] = [];
      for (const entry of this.entries.reverse()) {
        try {
          await entry.close();
        } catch (error) {
          failures.push(`closing ${entry.name} failed: ${errorMessage(error)}`);
        }
      }
      return failures;
    })();
    return this.closing;
  }
}
