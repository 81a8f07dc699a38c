const DEVICE_KEY = 'rewind:device-id';

/** The local user until someone signs in: their work is theirs, on this device. */
export const LOCAL_USER_ID = 'local-user';

/** One id per browser profile, kept across reloads; made on first use. */
export function deviceId(): string {
	let id = localStorage.getItem(DEVICE_KEY);
	if (!id) {
		id = `device-${crypto.randomUUID()}`;
		localStorage.setItem(DEVICE_KEY, id);
	}
	return id;
}

/** Who did it, as the interface says it: "You", a workspace member's name, or "Someone". */
export function userName(
	userId: string,
	currentUserId: string,
	members: ReadonlyMap<string, string> = new Map()
): string {
	if (userId === currentUserId || userId === LOCAL_USER_ID) return 'You';
	return members.get(userId) ?? 'Someone in your workspace';
}
