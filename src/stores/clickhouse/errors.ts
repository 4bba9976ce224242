// How a ClickHouse failure reads on one line. ClickHouse 18.16 answers errors as plain text the client turns into
// a plain Error ("Code: 192, e.displayText() = DB::Exception: Unknown user x, e.what() = DB::Exception"); current
// servers say "Code: 516. DB::Exception: …". Both lose their decoration; socket errors become words.
import { UserError } from '../../errors.js';
import { unreachableReason } from '../server-address.js';

export function serverMessage(error: unknown): string {
  const text = unreachableReason(error);
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? text;
  return firstLine
    .replace(/^Code: \d+[.,]\s*/, '')
    .replace(/^e\.displayText\(\) = /, '')
    .replace(/^DB::Exception: /, '')
    .replace(/, e\.what\(\) = .*$/, '')
    .trim();
}

/** A failure while opening the store, as the one line the CLI prints. */
export function openFailure(address: string, error: unknown): UserError {
  if (error instanceof UserError) return error;
  return new UserError(`store clickhouse at ${address}: ${serverMessage(error)}`);
}
