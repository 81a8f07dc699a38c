import { MAX_BODY_BYTES } from '../../protocol';
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { findUnstorableValue } from './find-unstorable-value';

export function isJsonContentType(contentType: string | null): boolean {
	return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The request's JSON body, or a typed error: 415 unless it is declared `application/json`;
 * 413 when Content-Length says it is too big (before reading a byte) or when the bytes that
 * arrive pass the limit (a missing or lying Content-Length, a chunked body); 400 for bytes that
 * are not UTF-8 JSON or hold values PostgreSQL cannot store.
 */
export async function readJsonBody(
	request: Request,
	{
		maxBytes = MAX_BODY_BYTES,
		allowEmpty = false,
		tooLargeAdvice
	}: {
		maxBytes?: number;
		allowEmpty?: boolean;
		/** What a 413 tells the client to do instead, where the endpoint knows. */
		tooLargeAdvice?: string;
	} = {}
): Promise<unknown> {
	const contentType = request.headers.get('content-type');
	if (!isJsonContentType(contentType)) throw new UnsupportedMediaTypeError(contentType);
	const declared = Number(request.headers.get('content-length') ?? Number.NaN);
	if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes, tooLargeAdvice);

	const bytes = await readBytes(request, maxBytes, tooLargeAdvice);
	if (allowEmpty && bytes.byteLength === 0) return undefined;
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new InvalidRequestError('The request body is not valid UTF-8.');
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new InvalidRequestError(
			`The request body is not valid JSON: ${(error as Error).message}`
		);
	}
	const unstorable = findUnstorableValue(value);
	if (unstorable) throw new InvalidRequestError(unstorable.message, [unstorable]);
	return value;
}

async function readBytes(
	request: Request,
	maxBytes: number,
	advice: string | undefined
): Promise<Uint8Array> {
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			// Never cancel the body: adapter-node destroys the socket on cancel, and the client gets a
			// reset instead of the 413. The rest is thrown away after the answer (discard-rest-of-body.ts).
			if (size > maxBytes) {
				reader.releaseLock();
				throw new PayloadTooLargeError(maxBytes, advice);
			}
			chunks.push(value);
		}
	} catch (error) {
		if (error instanceof PayloadTooLargeError) throw error;
		// adapter-node errors the stream with status 413 when its own BODY_SIZE_LIMIT is passed.
		if ((error as { status?: unknown } | null)?.status === 413) {
			throw new PayloadTooLargeError(maxBytes, advice);
		}
		throw new InvalidRequestError('The request body could not be read to its end.');
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}
