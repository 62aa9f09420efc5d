/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the sandbox is a Node dev tool (never published in dist/), not a node run by n8n */
// Work that must happen after the current request is answered (asynchronous contact imports).
// Tracked so settle() can wait for it and close() can cancel it.

export class BackgroundTasks {
	private readonly pending = new Map<NodeJS.Immediate, () => void>();
	private readonly running = new Set<Promise<void>>();

	defer(task: () => void): void {
		let finish: () => void = () => undefined;
		const promise = new Promise<void>((resolve) => {
			finish = resolve;
		});
		const handle = setImmediate(() => {
			this.pending.delete(handle);
			try {
				task();
			} finally {
				finish();
			}
		});
		handle.unref();
		this.pending.set(handle, finish);
		this.running.add(promise);
		void promise.then(() => this.running.delete(promise));
	}

	get busy(): boolean {
		return this.running.size > 0;
	}

	async settle(): Promise<void> {
		while (this.running.size > 0) await Promise.all(Array.from(this.running));
	}

	cancelAll(): void {
		for (const [handle, finish] of this.pending) {
			clearImmediate(handle);
			finish();
		}
		this.pending.clear();
	}
}
