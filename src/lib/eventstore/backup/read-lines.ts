/** The longest header line a reader waits for before calling the file something else. */
const MAX_HEADER_BYTES = 64 * 1024;
const LINE_BREAK = 0x0a;

/** What a reader of a file's lines is told, in file order. */
export interface LineVisitor {
	/** The first line, as text; undefined when the file has no line break in its first 64 KiB. */
	header(text: string | undefined): void;
	/** Every byte after the header's line break, as read (for the hash). */
	bytes?(chunk: Uint8Array): void;
	/** The next complete lines after the header; awaited before more of the file is read. */
	lines(lines: string[]): void | Promise<void>;
}

/**
 * Reads a file's lines as the browser streams it, never the whole file as one string: the
 * header line, then the body's bytes and its complete lines a chunk at a time. Resolves with
 * the text after the last line break (empty for a file that ends with one, as written files do).
 */
export async function readLines(file: Blob, visit: LineVisitor): Promise<{ unfinished: string }> {
	const reader = file.stream().getReader();
	const decoder = new TextDecoder();
	let head: Uint8Array[] | undefined = [];
	let headBytes = 0;
	let carry = '';
	const body = async (chunk: Uint8Array) => {
		if (chunk.length === 0) return;
		visit.bytes?.(chunk);
		const text = carry + decoder.decode(chunk, { stream: true });
		const end = text.lastIndexOf('\n');
		if (end < 0) {
			carry = text;
			return;
		}
		carry = text.slice(end + 1);
		await visit.lines(text.slice(0, end).split('\n'));
	};
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (!head) {
				await body(value);
				continue;
			}
			const at = value.indexOf(LINE_BREAK);
			if (at < 0) {
				head.push(value);
				headBytes += value.length;
				if (headBytes <= MAX_HEADER_BYTES) continue;
				visit.header(undefined);
				return { unfinished: '' };
			}
			head.push(value.subarray(0, at));
			visit.header(new TextDecoder().decode(concat(head)));
			head = undefined;
			await body(value.subarray(at + 1));
		}
	} finally {
		reader.releaseLock();
	}
	if (head) {
		visit.header(undefined);
		return { unfinished: '' };
	}
	return { unfinished: carry + decoder.decode() };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
	const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
	let at = 0;
	for (const chunk of chunks) {
		all.set(chunk, at);
		at += chunk.length;
	}
	return all;
}

/**
 * The lines as they were written: a "\r" before the line break (Windows line ends) taken off,
 * and blank lines (an editor's at the end) left out. A backup's lines are JSON, which never
 * holds a raw line break or carriage return, so neither can be part of one.
 */
export function wholeLines(lines: readonly string[]): string[] {
	return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line)).filter(Boolean);
}
