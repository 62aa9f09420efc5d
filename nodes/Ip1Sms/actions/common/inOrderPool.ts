/** Starts `task(0)`, `task(1)`… in order, `inFlight` at once, none after `stop()`; tasks catch their own errors. */
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
