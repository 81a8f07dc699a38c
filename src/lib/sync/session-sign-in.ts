import type { LoginRequest, SignupRequest } from '../protocol';
import { adoptAnonymous } from './adopt-anonymous';
import type { SyncSession } from './session';
import type { SessionBindingOptions } from './session-binding';
import { WorkspaceMismatchError } from './sync-errors';
import { WORKSPACE, WORKSPACE_NAME } from './sync-meta';

/** What the sign-in steps need of `SessionBinding`: its options, its session, and its store. */
export interface SignInParts {
	options: SessionBindingOptions;
	current(): SyncSession | undefined;
	boundWorkspace(): Promise<string | undefined>;
	/** Stores the session (or none) and tells the other tabs. */
	save(session: SyncSession | undefined): Promise<void>;
}

export async function signup(parts: SignInParts, request: SignupRequest): Promise<void> {
	const session = await parts.options.api.signup(withDevice(parts, request));
	await use(parts, { ...session, workspace: request.workspace ?? '', name: request.name });
}

export async function login(parts: SignInParts, request: LoginRequest): Promise<void> {
	const session = await parts.options.api.login(withDevice(parts, request));
	await use(parts, { ...session, workspace: request.workspace, name: request.name });
}

/** `SessionBinding.bind`: a log that belongs to no workspace yet becomes `workspace`'s. */
export async function bind(
	parts: SignInParts,
	workspace: { id: string; name: string }
): Promise<boolean> {
	const { sync } = parts.options.store;
	const bound = await parts.boundWorkspace();
	if (bound && bound !== workspace.id) return false;
	await sync.writeSetting(WORKSPACE, workspace.id);
	await sync.writeSetting(WORKSPACE_NAME, workspace.name);
	return true;
}

/** Syncs as `session` from now on; the log must be new or belong to its workspace. */
export async function use(parts: SignInParts, session: SyncSession): Promise<void> {
	const { store, anonymousUserId } = parts.options;
	const bound = await parts.boundWorkspace();
	if (bound && bound !== session.workspaceId) throw new WorkspaceMismatchError(bound, session);
	if (!bound) await store.sync.writeSetting(WORKSPACE, session.workspaceId);
	if (session.workspace) await store.sync.writeSetting(WORKSPACE_NAME, session.workspace);
	if (anonymousUserId) await adoptAnonymous(store, anonymousUserId, session.userId);
	await parts.save(session);
	await parts.options.refresh();
	parts.options.signedIn();
}

/** Signs out on this device. Local data stays; pending changes wait for the next sign-in. */
export async function logout(parts: SignInParts): Promise<void> {
	const session = parts.current();
	if (session && !session.expired) {
		await parts.options.api.logout(session.token).catch(() => undefined);
	}
	await parts.save(undefined);
	await parts.options.refresh();
}

function withDevice<Request extends { device?: string }>(
	{ options }: SignInParts,
	request: Request
): Request {
	return options.device && !request.device ? { ...request, device: options.device } : request;
}
