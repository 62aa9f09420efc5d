/**
 * Runs `task(0)`, `task(1)`, … with at most `inFlight` at once, STARTING them in index order, none once `stop()` says
 * so; resolves when every started task has settled. Tasks handle their own errors (else the others run unobserved).
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
