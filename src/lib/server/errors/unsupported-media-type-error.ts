import { RewindError } from '../../errors';

/** Thrown when a request body is not declared `application/json` (415). */
export class UnsupportedMediaTypeError extends RewindError {
	readonly code = 'unsupported_media_type';

	constructor(contentType: string | null) {
		super(
			`The request body must be JSON sent as Content-Type: application/json, not ${contentType ?? 'no Content-Type'}.`
		);
	}
}
