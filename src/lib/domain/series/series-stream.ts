import { categoryOf, idOf } from '../../events/stream-id';
import { seriesAggregate } from './aggregate';

/** The stream of a device's series: one per device, so no two devices share a number. */
export function seriesStreamOf(deviceId: string): string {
	return `${seriesAggregate.category}-${deviceId}`;
}

/** Whether a record is a device's series: its numbers are for good, never discarded unsynced. */
export function isSeriesStream(streamId: string): boolean {
	return categoryOf(streamId) === seriesAggregate.category;
}

/**
 * What a series' numbers start with until the server names it: a few characters of the
 * device's id, shown marked as provisional. Digits among them keep it apart from the letters
 * the server assigns.
 */
export function provisionalPrefix(seriesStreamId: string): string {
	const id = idOf(seriesStreamId).replace(/^device-/, '');
	return (
		id
			.replace(/[^A-Za-z0-9]/g, '')
			.slice(0, 4)
			.toUpperCase() || '0'
	);
}

/**
 * The commandId of a record's number, from the commandId of the action that created it: a
 * double-click, a retry or a second tab running that action issues one number, not two.
 */
export function numberCommandIdOf(createCommandId: string): string {
	return `${createCommandId}:number`;
}
