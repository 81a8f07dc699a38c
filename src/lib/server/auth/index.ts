export { signup } from './signup';
export { login } from './login';
export { createInvite } from './invites';
export {
	authenticate,
	confirmCaller,
	findSession,
	revokeSessions,
	LAST_USED_PRECISION_MS,
	type Caller
} from './sessions';
export { hashPassword, verifyPassword } from './passwords';
export { hashSecret } from './secrets';
export { listMembers } from './members';
export { changeRole, removeMember } from './manage-members';
export { changePassword } from './change-password';
export { listSessions, revokeOwnSession } from './session-list';
export { requireOwner, requireWriter } from './permissions';
export { actAsCaller } from './act-as-caller';
export { REVOKE_CHANNEL, decodeRevoked } from './revocations';
export { SessionCache, SESSION_CACHE_MS } from './session-cache';
