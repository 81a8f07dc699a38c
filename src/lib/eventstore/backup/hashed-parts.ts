import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** About how much text is gathered before it becomes bytes: a few large parts, not a million small ones. */
const PART_CHARS = 1 << 20;

/**
 * The lines of a file as it is written: gathered into parts of about a megabyte, each turned
 * into bytes once and hashed (SHA-256) as it goes, so the file is never one giant string and
 * its hash is known when the last line is in.
 */
export class HashedParts {
	readonly #hash = sha256.create();
	readonly #encoder = new TextEncoder();
	readonly #parts: Blob[] = [];
	#pending: string[] = [];
	#chars = 0;

	/** Adds one line (a line break is added after it). */
	line(text: string): void {
		this.#pending.push(text, '\n');
		this.#chars += text.length + 1;
		if (this.#chars >= PART_CHARS) this.#seal();
	}

	/** The parts so far and the hex SHA-256 of all their bytes; adds nothing after. */
	finish(): { parts: Blob[]; sha256: string } {
		this.#seal();
		return { parts: this.#parts, sha256: bytesToHex(this.#hash.digest()) };
	}

	#seal(): void {
		if (this.#chars === 0) return;
		const bytes = this.#encoder.encode(this.#pending.join(''));
		this.#hash.update(bytes);
		// A Blob, not the bytes: the browser may keep a large one on disk rather than in memory.
		this.#parts.push(new Blob([bytes]));
		this.#pending = [];
		this.#chars = 0;
	}
}
