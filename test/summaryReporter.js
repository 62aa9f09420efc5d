// Prints one plain closing line that CI systems can read whatever the runner:
// "jest: <passed> passed, <failed> failed, <skipped> skipped".
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		process.stdout.write(`\njest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
	}
}

module.exports = SummaryReporter;
