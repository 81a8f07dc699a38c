/**
 * A stored event (`e`, a row of `events`) as the contract's `SyncedEvent` JSON, written by the
 * database: `data` and `metadata` are the `jsonb` text as stored (valid JSON, with a space after
 * each `:` and `,`), text columns through `to_json` so they are escaped as JSON requires, and
 * `recordedAt` in the form `Date.toISOString` gives (UTC, milliseconds). Every byte of it is
 * counted by `json_bytes` (migration 5), so a page cut by that column stays within its budget.
 */
export const EVENT_JSON = `'{"eventId":' || to_json(e.event_id)::text
	|| ',"streamId":' || to_json(e.stream_id)::text
	|| ',"version":' || e.version
	|| ',"type":' || to_json(e.type)::text
	|| ',"schemaVersion":' || e.schema_version
	|| ',"data":' || e.data::text
	|| ',"metadata":' || e.metadata::text
	|| ',"position":' || e.position
	|| ',"recordedAt":"' || to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
	|| '","recordedBy":' || to_json(e.recorded_by)::text || '}'`;
