// The protocol's zod schemas the client checks answers with, in one module that `SyncApi` loads
// on its first request: a device that never talks to a server never loads zod for it.
export {
	changePasswordResponseSchema,
	deadLettersResponseSchema,
	inviteResponseSchema,
	liveHeadSchema,
	memberSchema,
	membersResponseSchema,
	pullResponseSchema,
	pushResponseSchema,
	redeliverResponseSchema,
	sessionResponseSchema,
	sessionsResponseSchema,
	webhooksResponseSchema,
	seriesPrefixResponseSchema
} from '../protocol';
