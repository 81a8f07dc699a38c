import { ValidationError } from '../errors';

const STREAM_ID = /^[A-Za-z0-9_.:-]{1,200}$/;
const CATEGORY = /^[A-Za-z0-9_.:]+$/;

/** Throws unless `streamId` has the shape DESIGN.md gives: 1..200 chars of [A-Za-z0-9_.:-]. */
export function assertStreamId(streamId: unknown): asserts streamId is string {
	if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) {
		throw new ValidationError(
			`"${String(streamId)}" is not a valid record id: use 1 to 200 letters, digits, or _ . : -`,
			[{ path: ['streamId'], message: 'invalid stream id' }]
		);
	}
}

/** `order-6f1c…` from a category and an id. */
export function streamIdOf(category: string, id: string): string {
	if (!CATEGORY.test(category)) {
		throw new ValidationError(`"${category}" is not a valid category: it may not contain "-"`);
	}
	const streamId = `${category}-${id}`;
	assertStreamId(streamId);
	return streamId;
}

/** The category is everything before the first "-": `order` for `order-6f1c…`. */
export function categoryOf(streamId: string): string {
	const dash = streamId.indexOf('-');
	return dash === -1 ? streamId : streamId.slice(0, dash);
}

/** The id within the category: `6f1c…` for `order-6f1c…`. */
export function idOf(streamId: string): string {
	const dash = streamId.indexOf('-');
	return dash === -1 ? '' : streamId.slice(dash + 1);
}
