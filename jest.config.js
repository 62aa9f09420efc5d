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
	maxWorkers: 2,
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
	// n8n-core writes its instance settings under N8N_USER_FOLDER: keep it out of the home folder.
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	globalSetup: '<rootDir>/test/globalSetup.ts',
	globalTeardown: '<rootDir>/test/globalTeardown.ts',
};
