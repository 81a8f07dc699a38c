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
