import type { SeriesNumbersRow } from '../projections/series-numbers';
import type { NumberQuery, RecordNumber } from './record-number';
import { provisionalPrefix } from './series-stream';

interface Series {
	seriesId: string;
	prefix: string;
	provisional: boolean;
	records: readonly string[];
}

/**
 * Every number of the workspace's series, looked up by record or by number: how a list, a
 * record page, a receipt or an export shows a record's number, and how a search finds it.
 */
export class NumberBook {
	readonly #series: Series[];
	readonly #byRecord = new Map<string, RecordNumber>();

	/**
	 * @param complete Whether every series of the log is in `rows` (the read model has caught
	 *   up): only then does a record missing from the book have no number.
	 */
	constructor(
		rows: Iterable<SeriesNumbersRow>,
		readonly complete = true
	) {
		this.#series = [...rows].map(({ seriesId, prefix, records }) => ({
			seriesId,
			prefix: prefix ?? provisionalPrefix(seriesId),
			provisional: prefix === undefined,
			records
		}));
		for (const { prefix, provisional, records } of this.#series) {
			records.forEach((recordId, index) => {
				// A record numbered twice (two devices, each creating it? never by design) keeps its first.
				if (!this.#byRecord.has(recordId))
					this.#byRecord.set(recordId, { prefix, number: index + 1, provisional });
			});
		}
	}

	/** The number of a record (by its stream id), or undefined while it has none. */
	numberOf(recordId: string): RecordNumber | undefined {
		return this.#byRecord.get(recordId);
	}

	/**
	 * The series whose numbers are still provisional: this device's before it is signed in, and
	 * another device's that came here unsynced (restored from its backup), which only a device
	 * signed in to the workspace can name.
	 */
	unnamed(): string[] {
		return this.#series.filter((series) => series.provisional).map(({ seriesId }) => seriesId);
	}

	/** The records a search names by number: in one series with a prefix, in every one without. */
	find({ prefix, number }: NumberQuery): string[] {
		return this.#series
			.filter((series) => prefix === undefined || series.prefix === prefix)
			.flatMap(({ records }) => records[number - 1] ?? []);
	}
}
