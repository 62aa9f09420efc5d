// Status changes and webhook retries are events at sandbox-clock instants. A binary heap keeps
// scheduling cheap when one send creates 10 000 messages with six events each.

export interface ScheduledEvent {
	at: number;
	seq: number;
	run: (at: number) => void;
}

export class Scheduler {
	private heap: ScheduledEvent[] = [];
	private seq = 0;

	get size(): number {
		return this.heap.length;
	}

	schedule(at: number, run: (at: number) => void): void {
		this.heap.push({ at, seq: this.seq++, run });
		this.up(this.heap.length - 1);
	}

	nextAt(): number | undefined {
		return this.heap[0]?.at;
	}

	/** Runs every event due at `now`, in time order (FIFO for equal times), including ones scheduled meanwhile. */
	runDue(now: number): number {
		let count = 0;
		for (;;) {
			const head = this.heap[0];
			if (!head || head.at > now) return count;
			this.pop();
			count++;
			head.run(head.at);
		}
	}

	clear(): void {
		this.heap = [];
	}

	private less(a: ScheduledEvent, b: ScheduledEvent): boolean {
		return a.at < b.at || (a.at === b.at && a.seq < b.seq);
	}

	private pop(): void {
		const last = this.heap.pop();
		if (last && this.heap.length > 0) {
			this.heap[0] = last;
			this.down(0);
		}
	}

	private up(index: number): void {
		let i = index;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.less(this.heap[i], this.heap[parent])) return;
			[this.heap[i], this.heap[parent]] = [this.heap[parent], this.heap[i]];
			i = parent;
		}
	}

	private down(index: number): void {
		let i = index;
		const n = this.heap.length;
		for (;;) {
			const left = 2 * i + 1;
			const right = left + 1;
			let smallest = i;
			if (left < n && this.less(this.heap[left], this.heap[smallest])) smallest = left;
			if (right < n && this.less(this.heap[right], this.heap[smallest])) smallest = right;
			if (smallest === i) return;
			[this.heap[i], this.heap[smallest]] = [this.heap[smallest], this.heap[i]];
			i = smallest;
		}
	}
}
