import { defineConfig } from 'vitest/config';

// The PostgreSQL restart test alone (see pg-restart.fault.ts): `npm run test:pg-restart`.
export default defineConfig({
	test: {
		include: ['tests/server/pg-restart.fault.ts'],
		environment: 'node',
		fileParallelism: false
	}
});
