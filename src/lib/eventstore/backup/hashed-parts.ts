import { createSHA256, type IHasher } from 'hash-wasm';

/** About how much text is gathered before it becomes bytes: a few large parts, not a million small ones. */
const PART_CHARS = 1 << 20;

/**
 * The lines of a file as it is written: gathered into parts of about a megabyte, each turned
 * into bytes once and hashed (SHA-256) as it goes, so the file is never one giant string and
 * its hash is known when the last line is in. SHA-256 in WebAssembly (`hash-wasm`): twice as
 * fast as in JavaScript, and a backup of 100,000 events hashes about 100 MB.
 */
export class HashedParts {
	readonly #hash: IHasher;
	readonly #encoder = new TextEncoder();
	readonly #parts: Blob[] = [];
	#pending: string[] = [];
	#chars = 0;

	private constructor(hash: IHasher) {
		this.#hash = hash;
	}

	static async create(): Promise<HashedParts> {
		return new HashedParts(await createSHA256());
	}

	/** Adds one line (a line break is added after it). */
	line(text: string): void {
		this.#pending.push(text, '\n');
		this.#chars += text.length + 1;
		if (this.#chars >= PART_CHARS) this.#seal();
	}

	/** The parts so far and the hex SHA-256 of all their bytes; adds nothing after. */
	finish(): { parts: Blob[]; sha256: string } {
		this.#seal();
		return { parts: this.#parts, sha256: this.#hash.digest('hex') };
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
