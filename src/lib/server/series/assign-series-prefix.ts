import type { Database, SqlExecutor } from '../db/database';
import { prefixOfOrdinal } from './prefix-of-ordinal';

interface AssignedRow {
	prefix: string;
}

/**
 * The prefix of a device's series of numbers in a workspace: the one it was given before, else
 * the next free one. Devices asking at once are served one after another (the workspace's row
 * is locked), so no two devices of a workspace ever share a prefix.
 */
export async function assignSeriesPrefix(
	db: Database,
	request: { workspaceId: string; deviceId: string; userId: string }
): Promise<{ prefix: string; assigned: boolean }> {
	const { workspaceId, deviceId, userId } = request;
	const known = await prefixOf(db, workspaceId, deviceId);
	if (known) return { prefix: known, assigned: false };
	return db.transaction(async (tx) => {
		await tx.query(`SELECT 1 FROM workspaces WHERE id = $1::text FOR UPDATE`, [workspaceId]);
		const raced = await prefixOf(tx, workspaceId, deviceId);
		if (raced) return { prefix: raced, assigned: false };
		const [last] = await tx.query<{ ordinal: number }>(
			`SELECT coalesce(max(ordinal), 0)::integer AS ordinal FROM series_prefixes
			WHERE workspace_id = $1::text`,
			[workspaceId]
		);
		const ordinal = (last?.ordinal ?? 0) + 1;
		const prefix = prefixOfOrdinal(ordinal);
		await tx.query(
			`INSERT INTO series_prefixes (workspace_id, device_id, ordinal, prefix, assigned_to)
			VALUES ($1::text, $2::text, $3::integer, $4::text, $5::text)`,
			[workspaceId, deviceId, ordinal, prefix, userId]
		);
		return { prefix, assigned: true };
	});
}

async function prefixOf(
	sql: SqlExecutor,
	workspaceId: string,
	deviceId: string
): Promise<string | undefined> {
	const rows = await sql.query<AssignedRow>(
		`SELECT prefix FROM series_prefixes WHERE workspace_id = $1::text AND device_id = $2::text`,
		[workspaceId, deviceId]
	);
	return rows[0]?.prefix;
}
