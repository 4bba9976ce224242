// The one-line reasons logicalDecodingSupport gives for a server that cannot stream the outbox. A test cannot
// restart the server into wal_level = replica, so the reasons are built from fake settings here.
import { describe, expect, it } from 'vitest';
import { unsupportedReason, type ReplicationSettings } from '../../src/propagation/cdc/support.js';

const CAPABLE: ReplicationSettings = {
  serverVersionNum: 150_020,
  walLevel: 'logical',
  maxReplicationSlots: 10,
  usedReplicationSlots: 2,
  maxWalSenders: 10,
  usedWalSenders: 1,
  role: 'bench',
  superuser: false,
  replication: true,
};

describe('logical decoding support reasons', () => {
  it('has nothing to say about a capable server', () => {
    expect(unsupportedReason(CAPABLE)).toBeNull();
    expect(unsupportedReason({ ...CAPABLE, replication: false, superuser: true })).toBeNull();
  });

  it('says what to set when wal_level is not logical', () => {
    expect(unsupportedReason({ ...CAPABLE, walLevel: 'replica' })).toBe(
      'wal_level is replica; set wal_level = logical and restart PostgreSQL',
    );
    expect(unsupportedReason({ ...CAPABLE, walLevel: 'minimal' })).toMatch(/^wal_level is minimal; /);
  });

  it('names the role that lacks the REPLICATION attribute', () => {
    expect(unsupportedReason({ ...CAPABLE, replication: false })).toBe(
      'role bench may not open replication connections; ALTER ROLE bench REPLICATION, or connect as a superuser',
    );
  });

  it('says when no replication slot or WAL sender is free', () => {
    expect(unsupportedReason({ ...CAPABLE, usedReplicationSlots: 10 })).toMatch(
      /^all 10 replication slots are in use \(max_replication_slots = 10\); /,
    );
    expect(unsupportedReason({ ...CAPABLE, maxReplicationSlots: 0, usedReplicationSlots: 0 })).toBe(
      'max_replication_slots is 0; set it to at least 1 and restart PostgreSQL',
    );
    expect(unsupportedReason({ ...CAPABLE, usedWalSenders: 10 })).toMatch(/^all 10 WAL senders are busy/);
  });

  it('refuses a server older than pgoutput', () => {
    expect(unsupportedReason({ ...CAPABLE, serverVersionNum: 90_624 })).toMatch(
      /^PostgreSQL 9 has no pgoutput plugin; .*PostgreSQL 10 or later$/,
    );
  });

  it('reasons are one line each', () => {
    const broken: Partial<ReplicationSettings>[] = [
      { walLevel: 'replica' },
      { replication: false },
      { usedReplicationSlots: 10 },
      { maxWalSenders: 0 },
    ];
    for (const change of broken) expect(unsupportedReason({ ...CAPABLE, ...change })).not.toContain('\n');
  });
});
