const os = require('os');

// jest-worker gives each worker 500 ms to exit after the run, then kills it and prints "A worker
// process has failed to exit gracefully ... likely caused by tests leaking". No test file leaves a
// handle open (checked file by file after each file's teardown); on a saturated machine an empty
// worker alone needs 400-1,100 ms to exit (load 22-28 on 2 cores), so the warning was noise there.
// A second worker buys nothing without a free core either (4 files: 86 s with 2 workers, 50 s in
// band, same machine): when the load is above the core count the run goes in band.
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const saturated = os.loadavg()[0] >= cores;

/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// Volume cases that take minutes by nature (rate-limited at 30 requests/s): `npm run test:slow`, run by CI.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/slow/'],
	transform: {
		// Type errors are caught by `npm run typecheck`; jest only transpiles, which keeps the suite fast.
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
	},
	testTimeout: 60000,
	maxWorkers: saturated ? 1 : 2,
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
	// n8n-core writes its instance settings under N8N_USER_FOLDER: keep it out of the home folder.
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	globalSetup: '<rootDir>/test/globalSetup.ts',
	globalTeardown: '<rootDir>/test/globalTeardown.ts',
};
