/**
 * Runs `task(0)`, `task(1)`, … with at most `inFlight` running at once, STARTING them in index order,
 * and starts no further task once `stop()` says so. Resolves when every started task has settled.
 * Tasks handle their own errors (a rejection here would leave the others running unobserved).
 */
export async function runInOrder(
	count: number,
	inFlight: number,
	task: (index: number) => Promise<void>,
	stop: () => boolean,
): Promise<{ started: number }> {
	let next = 0;
	const worker = async () => {
		while (next < count && !stop()) {
			const index = next++;
			await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(inFlight, count)) }, worker));
	return { started: next };
}
