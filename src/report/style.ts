// Terminal styling shared by the report sections: optional colour, tables, wrapped paragraphs.
// Colour is plain ANSI so that turning it off leaves no escape codes at all (piped output, CI logs, tests).
import Table from 'cli-table3';

/** The report is laid out for terminals this wide. */
export const REPORT_WIDTH = 120;

export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  /** "OK" in green or "FAIL" in red. */
  verdict(ok: boolean): string;
}

function ansi(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

export function painter(color: boolean): Paint {
  const plain = (text: string) => text;
  const paint = {
    bold: color ? ansi(1, 22) : plain,
    dim: color ? ansi(2, 22) : plain,
    red: color ? ansi(31, 39) : plain,
    green: color ? ansi(32, 39) : plain,
    yellow: color ? ansi(33, 39) : plain,
  };
  return { ...paint, verdict: (ok) => (ok ? paint.green('OK') : paint.red('FAIL')) };
}

export type Align = 'left' | 'right';

/** A bordered table; columns after the first are right-aligned unless told otherwise (they hold numbers). */
export function newTable(
  head: string[],
  color: boolean,
  aligns?: Align[],
  chars?: Partial<Record<string, string>>,
): Table.Table {
  return new Table({
    head,
    ...(chars ? { chars } : {}),
    colAligns: aligns ?? head.map((_, i) => (i === 0 ? 'left' : 'right')),
    style: {
      head: color ? ['cyan'] : [],
      border: color ? ['grey'] : [],
      'padding-left': 1,
      'padding-right': 1,
    },
  });
}

/** Wraps a paragraph at word boundaries to width, each line prefixed with indent. */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** A section title line. */
export function title(text: string, paint: Paint): string {
  return paint.bold(text);
}
