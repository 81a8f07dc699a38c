export {
	defineProjection,
	type Projection,
	type ProjectionDefinition,
	type ProjectionPreview,
	type ProjectedRecord
} from './define-projection';
export { foldRecord, foldRecords } from './fold-records';
export { ProjectionRunner, type RowsListener } from './projection-runner';
export { projectionStore, type ProjectionStore, type ProjectionView } from './projection-store';
export { projectionAsOf, type AsOf } from './projection-as-of';
export { streamStore, type StreamView } from './stream-store';
export type { Checkpoint } from './checkpoint';
