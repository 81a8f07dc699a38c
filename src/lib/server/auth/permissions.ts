import { canManage, canWrite } from '../../protocol';
import { ForbiddenError } from '../errors';
import type { Caller } from './sessions';

/** Owners only: `what` finishes "Only an owner can …". */
export function requireOwner(caller: Pick<Caller, 'role'>, what: string): void {
	if (!canManage(caller.role)) {
		throw new ForbiddenError(
			`Only an owner can ${what}; you are a ${caller.role} of this workspace.`
		);
	}
}

/** Everyone but viewers. */
export function requireWriter(caller: Caller): void {
	if (!canWrite(caller.role)) {
		throw new ForbiddenError(
			'Viewers can read this workspace but not change it, so nothing was stored. ' +
				'Ask an owner to make you a member.'
		);
	}
}
