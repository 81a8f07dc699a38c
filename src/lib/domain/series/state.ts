/**
 * A device's series of numbers. Only the last number is kept: the numbers themselves are
 * facts in the stream, and the next one follows the last without a gap.
 */
export type ProvisionalSeries = { status: 'provisional'; lastNumber: number };
export type NamedSeries = { status: 'named'; prefix: string; lastNumber: number };

export type SeriesState = ProvisionalSeries | NamedSeries;

export function initialSeriesState(): SeriesState {
	return { status: 'provisional', lastNumber: 0 };
}
