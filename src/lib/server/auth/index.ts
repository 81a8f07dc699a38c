export { signup } from './signup';
export { login } from './login';
export { createInvite } from './invites';
export { authenticate, findSession, revokeSession, type Caller } from './sessions';
export { hashPassword, verifyPassword } from './passwords';
export { hashSecret } from './secrets';
export { listMembers } from './members';
