// Test helpers: in-process servers on fresh databases, for this folder's tests and the sync client's.
export {
	openPostgresSchema,
	openSharedPostgresSchema,
	testBackends,
	type TestBackend
} from './test-backends';
export { testRegistry, counterIncremented, noteWritten } from './test-registry';
export {
	TestClient,
	counterEvent,
	TEST_PASSWORD,
	type TestBody,
	type TestResponse
} from './test-client';
