/** `npm run test:slow`: the volume cases of test/slow (minutes each, by nature of the 30 requests/s limit). */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = { ...base, roots: ['<rootDir>/test/slow'], testPathIgnorePatterns: ['/node_modules/'] };
