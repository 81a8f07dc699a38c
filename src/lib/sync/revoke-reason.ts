import { REVOKE_REASONS, type RevokeReason } from '../protocol/wire-names';
import { isSyncHttpError } from './sync-errors';

/** Why a 401 says the token stopped working, when its body names a reason the contract knows. */
export function revokeReasonOf(error: unknown): RevokeReason | undefined {
	if (!isSyncHttpError(error, 401)) return undefined;
	const reason = (error.body as { reason?: unknown } | undefined)?.reason;
	return REVOKE_REASONS.find((known) => known === reason);
}
