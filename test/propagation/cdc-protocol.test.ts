// The byte-level parts of the cdc feed without a server: WAL positions, the replication frames around each
// message, and pgoutput messages → committed outbox transactions.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain.js';
import type { OutboxKind } from '../../src/roles.js';
import { formatLsn, parseLsn } from '../../src/propagation/cdc/lsn.js';
import { OutboxDecoder, outboxChange } from '../../src/propagation/cdc/outbox-decoder.js';
import { parseServerFrame, standbyStatusUpdate } from '../../src/propagation/cdc/wal-frames.js';

const ORDER: Order = {
  id: 'o-1',
  userId: 7,
  createdAt: 1_704_067_200_000,
  lines: [{ productId: 3, categoryId: 1, quantity: 2, unitPriceCents: 450 }],
  totalCents: 900,
};

/** Big-endian message bytes, as pgoutput writes them. */
class Bytes {
  private readonly parts: Buffer[] = [];
  byte(value: number): this {
    this.parts.push(Buffer.from([value]));
    return this;
  }
  int16(value: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(value);
    this.parts.push(b);
    return this;
  }
  int32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value);
    this.parts.push(b);
    return this;
  }
  int64(value: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(value);
    this.parts.push(b);
    return this;
  }
  string(value: string): this {
    this.parts.push(Buffer.from(`${value}\0`));
    return this;
  }
  text(value: string): this {
    const body = Buffer.from(value);
    return this.byte(0x74).int32(body.length).raw(body);
  }
  raw(value: Buffer): this {
    this.parts.push(value);
    return this;
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const OUTBOX_OID = 16_500;
const OTHER_OID = 16_600;
const OTHER_NAMESPACE_OID = 16_700;

function relation(oid: number, schema: string, name: string): Buffer {
  const columns: [string, number][] = [
    ['seq', 20],
    ['order_id', 25],
    ['kind', 25],
    ['payload', 3802],
  ];
  const bytes = new Bytes()
    .byte(0x52)
    .int32(oid)
    .string(schema)
    .string(name)
    .byte(0x64)
    .int16(columns.length);
  for (const [column, type] of columns) bytes.byte(0).string(column).int32(type).int32(-1);
  return bytes.done();
}

const begin = () => new Bytes().byte(0x42).int64(0x1_0000_0100n).int64(0n).int32(901).done();
const commit = (end: bigint) =>
  new Bytes()
    .byte(0x43)
    .byte(0)
    .int64(end - 8n)
    .int64(end)
    .int64(0n)
    .done();
const insert = (oid: number, seq: number, order: Order, kind: OutboxKind = 'purchase') =>
  new Bytes()
    .byte(0x49)
    .int32(oid)
    .byte(0x4e)
    .int16(4)
    .text(String(seq))
    .text(order.id)
    .text(kind)
    .text(JSON.stringify(order))
    .done();

describe('WAL positions', () => {
  it('parse and print as the server writes them', () => {
    expect(parseLsn('16/B374D848')).toBe(0x16_b374_d848n);
    expect(parseLsn('00000000/04BA85C8')).toBe(0x4ba_85c8n);
    expect(formatLsn(0x16_b374_d848n)).toBe('16/B374D848');
    expect(() => parseLsn('16-B374')).toThrow(/not a WAL position/);
  });
});

describe('replication frames', () => {
  it('reads XLogData and keepalive headers', () => {
    const xlog = new Bytes().byte(0x77).int64(100n).int64(200n).int64(0n).raw(Buffer.from('payload')).done();
    expect(parseServerFrame(xlog)).toEqual({
      kind: 'xlog',
      walStart: 100n,
      walEnd: 200n,
      payload: Buffer.from('payload'),
    });
    const keepalive = new Bytes().byte(0x6b).int64(300n).int64(0n).byte(1).done();
    expect(parseServerFrame(keepalive)).toEqual({ kind: 'keepalive', walEnd: 300n, replyRequested: true });
    expect(() => parseServerFrame(Buffer.from([0x99]))).toThrow(/unknown replication message type 0x99/);
  });

  it('writes a standby status update with the flushed position and a PostgreSQL-epoch clock', () => {
    const update = standbyStatusUpdate(500n, 400n, Date.UTC(2000, 0, 1) + 2);
    expect(update).toHaveLength(34);
    expect(String.fromCharCode(update[0] ?? 0)).toBe('r');
    expect(update.readBigUInt64BE(1)).toBe(500n);
    expect(update.readBigUInt64BE(9)).toBe(400n);
    expect(update.readBigUInt64BE(17)).toBe(400n);
    expect(update.readBigInt64BE(25)).toBe(2000n);
    expect(update[33]).toBe(0);
  });
});

describe('pgoutput → outbox transactions', () => {
  it('collects the outbox INSERTs of a transaction and hands them over at its commit', () => {
    const decoder = new OutboxDecoder('polyglot_bench');
    const second: Order = { ...ORDER, id: 'o-2' };
    expect(decoder.decode(relation(OUTBOX_OID, 'polyglot_bench', 'outbox'))).toBeNull();
    expect(decoder.decode(begin())).toBeNull();
    expect(decoder.inTransaction).toBe(true);
    expect(decoder.decode(insert(OUTBOX_OID, 41, ORDER))).toBeNull();
    expect(decoder.decode(insert(OUTBOX_OID, 42, second))).toBeNull();
    expect(decoder.decode(insert(OUTBOX_OID, 43, ORDER, 'retraction'))).toBeNull();
    expect(decoder.decode(commit(0x1_0000_0200n))).toEqual({
      changes: [
        { seq: 41, kind: 'purchase', order: ORDER },
        { seq: 42, kind: 'purchase', order: second },
        { seq: 43, kind: 'retraction', order: ORDER },
      ],
      endLsn: 0x1_0000_0200n,
    });
    expect(decoder.inTransaction).toBe(false);
  });

  it("ignores other tables' rows, another namespace's outbox too, and still reports their transaction's end", () => {
    const decoder = new OutboxDecoder('polyglot_bench');
    decoder.decode(relation(OTHER_OID, 'public', 'outbox'));
    decoder.decode(relation(OTHER_NAMESPACE_OID, 'polyglot_bench_shard_1', 'outbox'));
    decoder.decode(begin());
    decoder.decode(insert(OTHER_OID, 1, ORDER));
    decoder.decode(insert(OTHER_NAMESPACE_OID, 2, ORDER));
    expect(decoder.decode(commit(0x300n))).toEqual({ changes: [], endLsn: 0x300n });
  });

  it('refuses rows the tool did not write and messages out of place', () => {
    const purchase = { kind: 'purchase' };
    expect(() => outboxChange({ seq: '1', ...purchase, payload: { not: 'an order' } })).toThrow(
      /not one the tool wrote/,
    );
    expect(() => outboxChange({ seq: '1', kind: 'refund', payload: ORDER })).toThrow(
      /not one the tool wrote/,
    );
    expect(outboxChange({ seq: '7', ...purchase, payload: JSON.stringify(ORDER) })).toEqual({
      seq: 7,
      kind: 'purchase',
      order: ORDER,
    });
    const decoder = new OutboxDecoder('polyglot_bench');
    decoder.decode(relation(OUTBOX_OID, 'polyglot_bench', 'outbox'));
    expect(() => decoder.decode(insert(OUTBOX_OID, 1, ORDER))).toThrow(/outside a transaction/);
    expect(() => decoder.decode(commit(0x300n))).toThrow(/without its BEGIN/);
  });
});
