export {
	defineProjection,
	type Projection,
	type ProjectionDefinition,
	type ProjectionList,
	type ProjectedRecord
} from './define-projection';
export { foldRecord, foldRecords } from './fold-records';
export { ProjectionRunner, type RowsListener } from './projection-runner';
export { projectionAsOf, type AsOf } from './projection-as-of';
export { streamStore, type StreamView } from './stream-store';
export type { Checkpoint } from './checkpoint';
export { ReadModelRunner, type FoldProgress } from './read-model-runner';
export {
	readModelStore,
	type ListView,
	type AnyReadModelStore,
	type ReadModelStatus,
	type ReadModelStore
} from './read-model-store';
export { queryList, type ListPage, type ListQuery, type ListedRow } from './read-model-query';
export { readTallies, type ListTallies } from './read-model-tallies';
export { searchWords, matchesWords, plainText } from './search-words';
export {
	verifyReadModel,
	type ReadModelVerification,
	type RowDifference,
	type VerifyOptions
} from './verify-read-model';
