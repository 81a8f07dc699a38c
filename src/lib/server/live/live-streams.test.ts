import { describe, expect, it } from 'vitest';
import { HeadFeed } from './head-feed';
import { LiveStreams, type LiveStreamSource } from './live-streams';

const decoder = new TextDecoder();

function source(sessionKey: string, valid: { value: boolean }, checks: string[]): LiveStreamSource {
	return {
		workspaceId: 'w',
		userId: `user-${sessionKey}`,
		sessionKey,
		readHead: () => Promise.resolve(0),
		stillValid: () => {
			checks.push(sessionKey);
			return Promise.resolve(valid.value);
		}
	};
}

async function readUntil(
	reader: ReadableStreamDefaultReader<Uint8Array>,
	pattern: RegExp
): Promise<boolean> {
	let text = '';
	while (!pattern.test(text)) {
		const { done, value } = await reader.read();
		if (done) return false;
		text += decoder.decode(value);
	}
	return true;
}

describe('LiveStreams', () => {
	it('checks each session once per heartbeat, however many streams it has open', async () => {
		const live = new LiveStreams(new HeadFeed(), 30);
		const checks: string[] = [];
		const valid = { value: true };
		const readers = ['a', 'a', 'a', 'b'].map((key) =>
			live.open(source(key, valid, checks)).body!.getReader()
		);
		for (const reader of readers) expect(await readUntil(reader, /: heartbeat\n\n/)).toBe(true);
		const beats = checks.filter((key) => key === 'b').length;
		expect(checks.filter((key) => key === 'a').length).toBe(beats);
		live.closeAll();
	});

	it('ends every stream of a session that is no longer valid, and only those', async () => {
		const live = new LiveStreams(new HeadFeed(), 30);
		const checks: string[] = [];
		const revoked = { value: true };
		const kept = live.open(source('kept', { value: true }, checks)).body!.getReader();
		const ended = [1, 2].map(() => live.open(source('gone', revoked, checks)).body!.getReader());
		revoked.value = false;
		for (const reader of ended) expect(await readUntil(reader, /never/)).toBe(false);
		expect(await readUntil(kept, /: heartbeat\n\n/)).toBe(true);
		expect(live.size).toBe(1);
		live.closeAll();
	});
});
