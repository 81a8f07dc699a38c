import { RewindError } from '../../errors';

/** Thrown at start when another live process owns the PGlite data folder. */
export class DataDirLockedError extends RewindError {
	readonly code = 'data_dir_locked';

	constructor(
		readonly dataDir: string,
		readonly ownerPid: number
	) {
		super(
			`The data folder ${dataDir} is in use by another Rewind server (process ${ownerPid}). ` +
				'Stop that server first, or set REWIND_DATA_DIR to another folder. ' +
				'To run several servers on one database, use PostgreSQL (DATABASE_URL).'
		);
	}
}
