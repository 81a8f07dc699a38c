import { aggregateLoad, seedAggregates } from './aggregate-load';
import type { BenchApi } from './api';
import { backupRestore, backupWrite, prepareBackups, rawWrite } from './backup';
import { batchAppend } from './batch-append';
import { holdLog } from './hold-log';
import { newDeviceCatchUp, rawCatchUp } from './new-device';
import { deleteDatabase } from './raw-idb';
import { checkpointSeq, rawCursorRead, rebuild } from './rebuild';
import { seedLog } from './seed';
import { singleCommand } from './single-command';
import { fanoutCommand, fanoutStart, fanoutWaitFor, syncCatchUp } from './sync-cases';

const api: BenchApi = {
	batchAppend,
	singleCommand,
	seedLog,
	rebuild,
	rawCursorRead,
	seedAggregates,
	aggregateLoad,
	holdLog,
	checkpointSeq,
	deleteDatabase,
	syncCatchUp,
	fanoutStart,
	fanoutWaitFor,
	fanoutCommand,
	newDeviceCatchUp,
	rawCatchUp,
	prepareBackups,
	backupWrite,
	backupRestore,
	rawWrite
};

window.rewindBench = api;
