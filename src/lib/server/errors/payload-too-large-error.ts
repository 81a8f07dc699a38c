import { RewindError } from '../../errors';
import { MAX_BODY_BYTES } from '../../protocol';

/** Thrown when a request body is over the limit, by its Content-Length or by the bytes it sent (413). */
export class PayloadTooLargeError extends RewindError {
	readonly code = 'payload_too_large';

	constructor(
		limit: number = MAX_BODY_BYTES,
		/** What to do instead, where the endpoint knows ("push fewer events at a time"). */
		advice?: string
	) {
		super(`The request body is larger than ${limit} bytes${advice ? `; ${advice}` : ''}.`);
	}
}
