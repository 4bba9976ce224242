import { describe, expect, it } from 'vitest';
import { renderTerminal } from '../../src/report/terminal.js';
import { polyglotLayout, reportFixture } from '../fixtures/report-fixture.js';

describe('layout notes', () => {
  it('says under the layout header why it ran the way it did', () => {
    const note =
      'mongodb (MongoDB 4.4) holds every role a checkout writes but offers no multi-document transaction';
    const report = { ...reportFixture(), layouts: [{ ...polyglotLayout, notes: [note] }] };
    const text = renderTerminal(report, { color: false });
    expect(text).toContain(`note: ${note}`);
    expect(text.indexOf(`note: ${note}`)).toBeGreaterThan(text.indexOf('━━ polyglot'));
  });
});
