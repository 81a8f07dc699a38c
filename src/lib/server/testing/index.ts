// Test helpers: in-process servers on fresh databases, for this folder's tests and the sync
// client's. The events they push are the library's fixture domain's (src/lib/testing).
export {
	openPostgresSchema,
	openSharedPostgresSchema,
	testBackends,
	type TestBackend
} from './test-backends';
export {
	TestClient,
	counterEvent,
	TEST_PASSWORD,
	type TestBody,
	type TestResponse
} from './test-client';
export { startTwoServers, type TwoServers } from './two-servers';
export { WebhookReceiver, type Answer, type ReceivedDelivery } from './webhook-receiver';
export { startTestServer } from './test-server';
export { useTestServer } from './use-test-server';
