// The cdc propagation source as the runner uses it: open the feed after the inventory store, start it with an
// idempotent apply that marks rows applied, stop it before closing the store. See change-feed.ts.
export { openOutboxChangeFeed } from './change-feed.js';
export type { ApplyChanges, ChangeFeed, OutboxChange } from './types.js';
export { logicalDecodingSupport, type LogicalDecodingSupport } from './support.js';
