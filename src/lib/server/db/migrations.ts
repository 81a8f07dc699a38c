import type { Database } from './database';

export interface Migration {
	version: number;
	name: string;
	/** Run one by one: PGlite's query runs a single statement. */
	statements: readonly string[];
}

/** Append only: a released migration never changes; a change is a new version. */
export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'workspaces, users, sessions, invites, events',
		statements: [
			`CREATE TABLE workspaces (
				id text PRIMARY KEY,
				name text NOT NULL,
				created_at timestamptz NOT NULL DEFAULT now()
			)`,
			// Names are matched without case at login, so "Acme" and "acme" are one workspace.
			`CREATE UNIQUE INDEX workspaces_name ON workspaces (lower(name))`,
			`CREATE TABLE users (
				id text PRIMARY KEY,
				workspace_id text NOT NULL REFERENCES workspaces (id),
				name text NOT NULL,
				password_hash text NOT NULL,
				created_at timestamptz NOT NULL DEFAULT now()
			)`,
			`CREATE UNIQUE INDEX users_workspace_name ON users (workspace_id, lower(name))`,
			`CREATE TABLE sessions (
				token_hash text PRIMARY KEY,
				user_id text NOT NULL REFERENCES users (id),
				workspace_id text NOT NULL REFERENCES workspaces (id),
				created_at timestamptz NOT NULL DEFAULT now(),
				expires_at timestamptz NOT NULL
			)`,
			`CREATE INDEX sessions_expires_at ON sessions (expires_at)`,
			`CREATE TABLE invites (
				code_hash text PRIMARY KEY,
				workspace_id text NOT NULL REFERENCES workspaces (id),
				created_by text NOT NULL REFERENCES users (id),
				created_at timestamptz NOT NULL DEFAULT now(),
				expires_at timestamptz NOT NULL,
				used_by text REFERENCES users (id),
				used_at timestamptz
			)`,
			// No foreign keys here: appends are the hot path, and their ids come from a checked
			// session of a workspace and user that are never deleted.
			`CREATE TABLE events (
				position bigserial PRIMARY KEY,
				workspace_id text NOT NULL,
				stream_id text NOT NULL,
				version integer NOT NULL,
				event_id text NOT NULL,
				type text NOT NULL,
				schema_version integer NOT NULL,
				data jsonb NOT NULL,
				metadata jsonb NOT NULL,
				device_id text NOT NULL,
				recorded_at timestamptz NOT NULL,
				recorded_by text NOT NULL,
				CONSTRAINT events_stream_version UNIQUE (workspace_id, stream_id, version),
				CONSTRAINT events_event_id UNIQUE (workspace_id, event_id)
			)`,
			`CREATE INDEX events_workspace_position ON events (workspace_id, position)`
		]
	},
	{
		version: 2,
		name: 'no planner statistics on events.workspace_id',
		statements: [
			// Per-workspace statistics lie about every workspace created since the last ANALYZE:
			// with up to 100 workspaces they list them all, so a new one is estimated at one row and
			// the planner scans the whole workspace instead of probing the unique indexes, on every
			// push (linear per push, quadratic to fill a workspace). Every query on events looks up a
			// key within one workspace, so the default estimate (a share of the table) plans them all
			// as index probes, however the workspaces are sized.
			`ALTER TABLE events ALTER COLUMN workspace_id SET STATISTICS 0`,
			// ANALYZE keeps the statistics it gathered before; a change to the same type drops them,
			// without rewriting the table or its indexes.
			`ALTER TABLE events ALTER COLUMN workspace_id TYPE text`
		]
	},
	{
		version: 3,
		name: 'roles, removed people, invite roles, session ids, devices, last use, revocations',
		statements: [
			`ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'member'
				CONSTRAINT users_role CHECK (role IN ('owner', 'member', 'viewer'))`,
			// Removed people stay as rows: their events keep a name, and their name stays taken.
			`ALTER TABLE users ADD COLUMN removed_at timestamptz`,
			// Every workspace so far was made by its earliest user: they become its first owner.
			`UPDATE users SET role = 'owner' WHERE id IN (
				SELECT DISTINCT ON (workspace_id) id FROM users ORDER BY workspace_id, created_at, id
			)`,
			`ALTER TABLE invites ADD COLUMN role text NOT NULL DEFAULT 'member'
				CONSTRAINT invites_role CHECK (role IN ('owner', 'member', 'viewer'))`,
			// A name for a session that is not its token: listing or revoking it grants nothing.
			`ALTER TABLE sessions ADD COLUMN id text`,
			`UPDATE sessions SET id = gen_random_uuid()::text`,
			// Defaults for rows written straight into the table (test fixtures), not by the server.
			`ALTER TABLE sessions ALTER COLUMN id SET DEFAULT gen_random_uuid()::text`,
			`ALTER TABLE sessions ALTER COLUMN id SET NOT NULL`,
			`CREATE UNIQUE INDEX sessions_id ON sessions (id)`,
			`CREATE INDEX sessions_user ON sessions (user_id)`,
			`ALTER TABLE sessions ADD COLUMN device text`,
			`ALTER TABLE sessions ADD COLUMN last_used_at timestamptz`,
			`UPDATE sessions SET last_used_at = created_at`,
			`ALTER TABLE sessions ALTER COLUMN last_used_at SET DEFAULT now()`,
			`ALTER TABLE sessions ALTER COLUMN last_used_at SET NOT NULL`,
			// A revoked session stays until it would have expired, so its token's 401 can say why.
			`ALTER TABLE sessions ADD COLUMN revoked_at timestamptz`,
			`ALTER TABLE sessions ADD COLUMN revoked_reason text
				CONSTRAINT sessions_revoked_reason CHECK (revoked_reason IN ('removed', 'revoked', 'password_changed'))`
		]
	},
	{
		version: 4,
		name: 'throttles: request limits and sign-in delays shared by every server process',
		statements: [
			// Times are epoch milliseconds as numbers: the arithmetic stays plain in SQL and JS.
			// UNLOGGED: a limit's state is not worth a WAL write on every request, and losing it
			// in a crash only forgives some waiting. No index but the key, and room on each page
			// (fillfactor), so the update on every request is a HOT update with no index to touch;
			// pruning scans the table, which holds one row per recently active person or address.
			`CREATE UNLOGGED TABLE throttles (
				key text PRIMARY KEY,
				count integer NOT NULL,
				until_ms double precision NOT NULL,
				expires_ms double precision NOT NULL
			) WITH (fillfactor = 50)`
		]
	},
	{
		version: 5,
		name: 'events.json_bytes: the size a pull page counts',
		statements: [
			// About the UTF-8 size of the event's JSON, so that a pull page is cut at its byte budget
			// from this small column, without reading (or detoasting) the data of rows it leaves out.
			// Computed by the database, so every row has it, however it was written. jsonb's text
			// spaces its separators, so it never comes out smaller than the compact JSON a pull
			// sends; 256 bytes cover the envelope's keys, numbers and times. The event id is plain
			// text of any characters: each one JSON escapes (a control character, a quote, a
			// backslash) is counted as the six bytes of its longest escape, \u0001.
			`ALTER TABLE events ADD COLUMN json_bytes integer NOT NULL GENERATED ALWAYS AS (
				octet_length(data::text) + octet_length(metadata::text) + octet_length(event_id)
				+ 5 * (length(event_id) - length(regexp_replace(event_id, '[\\x01-\\x1f"\\\\]', '', 'g')))
				+ octet_length(stream_id) + octet_length(type) + octet_length(recorded_by) + 256
			) STORED`
		]
	},
	{
		version: 6,
		name: 'pull_page: a pull page in one statement, read in index order',
		statements: [
			// A page of the log as the contract's pull body, in one round trip. The planner must walk
			// events_workspace_position from `after` and stop after `page_limit` rows: migration 2
			// keeps it from guessing a workspace's size, so it believes the LIMIT cuts nothing and,
			// with sorting allowed, prefers a bitmap scan of the whole rest of the workspace and a sort
			// (every page then costs the workspace's size, a catch-up the square of it). A function's
			// own SET prices sorting out for its body alone, with no transaction around it.
			// Each event's JSON is the contract's SyncedEvent, written here: data and metadata as the
			// jsonb text they are stored as, text columns through to_json (escaped as JSON requires),
			// recordedAt as Date.toISOString writes it (UTC, milliseconds). json_bytes (migration 5)
			// counts every byte of it, so a page cut by that column keeps to its budget; a first
			// event above the budget still goes out, alone. Head and page come from one snapshot.
			`CREATE FUNCTION pull_page(page_workspace text, page_after bigint, page_limit integer, page_budget bigint)
			RETURNS TABLE (head bigint, last bigint, count bigint, events text)
			LANGUAGE sql STABLE
			SET enable_sort = off
			AS $body$
				SELECT (SELECT coalesce(max(h.position), 0) FROM events h WHERE h.workspace_id = page_workspace),
					max(e.position), count(*),
					string_agg('{"eventId":' || to_json(e.event_id)::text
						|| ',"streamId":' || to_json(e.stream_id)::text
						|| ',"version":' || e.version
						|| ',"type":' || to_json(e.type)::text
						|| ',"schemaVersion":' || e.schema_version
						|| ',"data":' || e.data::text
						|| ',"metadata":' || e.metadata::text
						|| ',"position":' || e.position
						|| ',"recordedAt":"' || to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
						|| '","recordedBy":' || to_json(e.recorded_by)::text || '}', ',' ORDER BY e.position)
				FROM (
					SELECT ev.*, sum(ev.json_bytes) OVER (ORDER BY ev.position ROWS UNBOUNDED PRECEDING) AS running
					FROM events ev
					WHERE ev.workspace_id = page_workspace AND ev.position > page_after
					ORDER BY ev.position
					LIMIT page_limit
				) e
				WHERE e.running <= page_budget OR e.running = e.json_bytes
			$body$`
		]
	},
	{
		version: 7,
		name: 'webhooks: subscriptions, their delivery checkpoint and lease, dead letters',
		statements: [
			// The secret is kept as it is, not hashed: the server signs every delivery with it.
			// delivered_position is the checkpoint: every matching event after it is still to go.
			// failed_attempts, next_attempt_at and last_error are about the next event only.
			// lease_owner/lease_until: the one server process delivering for this webhook; a lease
			// that ran out (its process died) can be taken. Times come from the database's clock,
			// which every process shares.
			`CREATE TABLE webhooks (
				id text PRIMARY KEY,
				workspace_id text NOT NULL REFERENCES workspaces (id),
				url text NOT NULL,
				event_types jsonb NOT NULL,
				secret text NOT NULL,
				created_by text NOT NULL REFERENCES users (id),
				created_at timestamptz NOT NULL DEFAULT now(),
				delivered_position bigint NOT NULL,
				failed_attempts integer NOT NULL DEFAULT 0,
				next_attempt_at timestamptz,
				last_error text,
				lease_owner text,
				lease_until timestamptz
			)`,
			`CREATE INDEX webhooks_workspace ON webhooks (workspace_id)`,
			`CREATE TABLE webhook_dead_letters (
				webhook_id text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
				position bigint NOT NULL,
				event_id text NOT NULL,
				type text NOT NULL,
				attempts integer NOT NULL,
				last_error text NOT NULL,
				failed_at timestamptz NOT NULL DEFAULT now(),
				redelivery_queued boolean NOT NULL DEFAULT false,
				PRIMARY KEY (webhook_id, position)
			)`
		]
	},
	{
		version: 8,
		name: 'series_prefixes: the prefix of each device series of numbers',
		statements: [
			// One prefix per device and workspace, given out in order (ordinal 1 is A): the unique
			// ordinal keeps two devices from ever sharing one, whichever server process answers.
			`CREATE TABLE series_prefixes (
				workspace_id text NOT NULL REFERENCES workspaces (id),
				device_id text NOT NULL,
				ordinal integer NOT NULL,
				prefix text NOT NULL,
				assigned_to text NOT NULL REFERENCES users (id),
				assigned_at timestamptz NOT NULL DEFAULT now(),
				PRIMARY KEY (workspace_id, device_id),
				CONSTRAINT series_prefixes_ordinal UNIQUE (workspace_id, ordinal),
				CONSTRAINT series_prefixes_prefix UNIQUE (workspace_id, prefix)
			)`
		]
	}
];

/** An arbitrary constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_260_001;

/**
 * Brings the schema up to date: applies, in order and each in its own transaction, every
 * migration not yet in `schema_migrations`. Safe to run on every start and from several
 * processes at once. Returns the versions it applied.
 */
export async function migrate(
	db: Database,
	migrations: readonly Migration[] = MIGRATIONS
): Promise<number[]> {
	const applied: number[] = [];
	for (const migration of migrations) {
		const ran = await db.transaction(async (tx) => {
			await tx.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [MIGRATION_LOCK]);
			await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
				version integer PRIMARY KEY,
				name text NOT NULL,
				applied_at timestamptz NOT NULL DEFAULT now()
			)`);
			const done = await tx.query(`SELECT 1 FROM schema_migrations WHERE version = $1::integer`, [
				migration.version
			]);
			if (done.length > 0) return false;
			for (const statement of migration.statements) await tx.query(statement);
			await tx.query(
				`INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2::text)`,
				[migration.version, migration.name]
			);
			return true;
		});
		if (ran) applied.push(migration.version);
	}
	return applied;
}
