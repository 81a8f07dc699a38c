import type { EventStore } from '../eventstore';
import type { MembersResponse } from '../protocol';
import type { CommandRebaser } from './command-rebaser';
import { ConflictInbox } from './conflict-inbox';
import { deviceLabel } from './device-label';
import { localStatus } from './local-status';
import { MemberDirectory } from './member-directory';
import { Pusher } from './push-all';
import { DEFAULT_RETRY } from './retry-schedule';
import { revokeReasonOf } from './revoke-reason';
import { SessionBinding } from './session-binding';
import { deferCalls } from './deferred-calls';
import type { SyncApi } from './sync-api';
import type { SyncClientOptions } from './sync-client-options';
import { SyncSchedule } from './sync-schedule';
import { SyncTriggers } from './sync-triggers';
import { TabStatus } from './tab-status';
import { WorkspacePeople } from './workspace-people';

// Local changes are pushed this soon after they are made, so a burst goes in one batch.
const PUSH_DELAY_MS = 40;

/** What a `SyncClient` sequences: each part in a file of its own, wired to the others here. */
export interface SyncClientParts<Outcome> {
	store: EventStore;
	/** Decides pending commands again when others' events land before them. */
	rebaser: CommandRebaser;
	api: SyncApi;
	now: () => Date;
	schedule: SyncSchedule<Outcome>;
	tabs: TabStatus;
	binding: SessionBinding;
	directory: MemberDirectory;
	pusher: Pusher;
	triggers: SyncTriggers;
	people: WorkspacePeople;
	inbox: ConflictInbox;
	/** A change was made on the device: the leading tab pushes it soon, with any that follow. */
	changed: () => void;
	/** Reads the counts and what the session lets the person do again (`local-status.ts`). */
	refresh: () => Promise<void>;
	/** Keeps a members list's names on the device, and the caller's role and workspace name. */
	learned: (response: MembersResponse) => Promise<void>;
}

/** Makes a sync client's parts from its options; `round` is the client's round, which they plan. */
export function syncClientParts<Outcome>(
	options: SyncClientOptions,
	round: () => Promise<Outcome>
): SyncClientParts<Outcome> {
	const { store, rebaser, deviceId, backoff = DEFAULT_RETRY, random = Math.random } = options;
	const fetchRequest = options.fetch ?? ((request: Request) => fetch(request));
	const api = deferCalls<SyncApi>(() =>
		import('./sync-api').then(({ SyncApi }) => new SyncApi(fetchRequest, options.baseUrl))
	);
	const now = options.now ?? (() => new Date());
	const userAgent = typeof navigator === 'undefined' ? undefined : navigator.userAgent;
	const refresh = async (): Promise<void> =>
		tabs.merge(await localStatus(store, () => binding.current));
	const sessionChanged = async () => {
		await binding.load();
		await refresh();
		schedule.plan(0);
	};
	const learned = async (response: MembersResponse) => {
		await directory.keep(response.members);
		await binding.learned(response);
	};
	const schedule = new SyncSchedule(round, backoff, random);
	const changed = () => schedule.plan(PUSH_DELAY_MS, 'change');
	const tabs = new TabStatus({
		log: store.name,
		leading: () => schedule.leading,
		sessionChanged: () => void sessionChanged()
	});
	const binding = new SessionBinding({
		store,
		api,
		anonymousUserId: options.anonymousUserId,
		device: options.device ?? deviceLabel(userAgent),
		announce: () => tabs.announceSession(),
		refresh,
		signedIn: () => schedule.plan(0)
	});
	const directory = new MemberDirectory(store);
	const pusher = new Pusher({ store, api, rebaser, deviceId, now });
	const expired = binding.expire.bind(binding);
	const triggers = new SyncTriggers({
		api,
		session: () => binding.current,
		expired,
		poke: () => schedule.plan(0),
		signals: options.signals,
		backoff,
		random
	});
	const people = new WorkspacePeople({
		api,
		session: () => binding.signedIn(),
		learned,
		refused: (session, error) => expired(session, revokeReasonOf(error))
	});
	const inbox = new ConflictInbox(store, rebaser, changed);
	return {
		store,
		rebaser,
		api,
		now,
		schedule,
		tabs,
		binding,
		directory,
		pusher,
		triggers,
		people,
		inbox,
		changed,
		refresh,
		learned
	};
}
