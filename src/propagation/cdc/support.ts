// Can this server stream the outbox by logical decoding? Checked up front so the user gets one line saying
// what to change, instead of a replication error halfway through a run.
import { unreachableReason } from '../../stores/server-address.js';
import { withConnection } from './connection.js';

export type LogicalDecodingSupport = { ok: true } | { ok: false; reason: string };

/** The server settings and role attributes logical decoding depends on. */
export interface ReplicationSettings {
  serverVersionNum: number;
  walLevel: string;
  maxReplicationSlots: number;
  usedReplicationSlots: number;
  maxWalSenders: number;
  usedWalSenders: number;
  role: string;
  superuser: boolean;
  replication: boolean;
}

/** null when logical decoding of the outbox can work; otherwise what to change, in one line. */
export function unsupportedReason(settings: ReplicationSettings): string | null {
  const { walLevel, maxReplicationSlots: slots, maxWalSenders: senders, role } = settings;
  if (settings.serverVersionNum < 100_000)
    return `PostgreSQL ${Math.floor(settings.serverVersionNum / 10_000)} has no pgoutput plugin; logical decoding of the outbox needs PostgreSQL 10 or later`;
  if (walLevel !== 'logical')
    return `wal_level is ${walLevel}; set wal_level = logical and restart PostgreSQL`;
  if (!settings.superuser && !settings.replication)
    return `role ${role} may not open replication connections; ALTER ROLE ${role} REPLICATION, or connect as a superuser`;
  if (slots === 0) return 'max_replication_slots is 0; set it to at least 1 and restart PostgreSQL';
  if (settings.usedReplicationSlots >= slots)
    return `all ${slots} replication slots are in use (max_replication_slots = ${slots}); drop an unused one (pg_replication_slots) or raise max_replication_slots and restart PostgreSQL`;
  if (senders === 0) return 'max_wal_senders is 0; set it to at least 1 and restart PostgreSQL';
  if (settings.usedWalSenders >= senders)
    return `all ${senders} WAL senders are busy (max_wal_senders = ${senders}); raise max_wal_senders and restart PostgreSQL`;
  return null;
}

interface SettingsRow {
  wal_level: string;
  max_replication_slots: number;
  used_replication_slots: number;
  max_wal_senders: number;
  used_wal_senders: number;
  role: string;
  superuser: boolean;
  replication: boolean;
}

export async function logicalDecodingSupport(url: string): Promise<LogicalDecodingSupport> {
  let settings: ReplicationSettings;
  try {
    settings = await withConnection(url, async (client) => {
      const version = await client.query<{ version: number }>(
        "SELECT current_setting('server_version_num')::int AS version",
      );
      const serverVersionNum = version.rows[0]?.version ?? 0;
      // pg_stat_activity.backend_type (walsenders) is 10+; older servers are refused on the version alone.
      if (serverVersionNum < 100_000) return { serverVersionNum } as ReplicationSettings;
      const result = await client.query<SettingsRow>(
        `SELECT current_setting('wal_level') AS wal_level,
                current_setting('max_replication_slots')::int AS max_replication_slots,
                (SELECT count(*) FROM pg_replication_slots)::int AS used_replication_slots,
                current_setting('max_wal_senders')::int AS max_wal_senders,
                (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'walsender')::int AS used_wal_senders,
                r.rolname AS role, r.rolsuper AS superuser, r.rolreplication AS replication
           FROM pg_roles r
          WHERE r.rolname = current_user`,
      );
      const row = result.rows[0];
      if (!row) throw new Error('the current role is not in pg_roles');
      return {
        serverVersionNum,
        walLevel: row.wal_level,
        maxReplicationSlots: row.max_replication_slots,
        usedReplicationSlots: row.used_replication_slots,
        maxWalSenders: row.max_wal_senders,
        usedWalSenders: row.used_wal_senders,
        role: row.role,
        superuser: row.superuser,
        replication: row.replication,
      };
    });
  } catch (error) {
    return {
      ok: false,
      reason: `cannot read the server's replication settings: ${unreachableReason(error)}`,
    };
  }
  const reason = unsupportedReason(settings);
  return reason === null ? { ok: true } : { ok: false, reason };
}
