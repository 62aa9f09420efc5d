import type { FaultSpec } from './types';

// Faults imitate what sits in front of a real API (proxies, networks): they act on API requests
// only, never on /_sandbox control requests.

interface ActiveFault {
	spec: FaultSpec;
	remaining: number;
}

export class FaultList {
	private faults: ActiveFault[] = [];

	add(spec: FaultSpec): void {
		const times = spec.times ?? 1;
		if (!(times > 0)) throw new Error('fault.times must be a positive number (Infinity allowed).');
		if (spec.kind === 'latency' && !(spec.ms >= 0)) throw new Error('latency fault needs ms >= 0.');
		if (spec.kind === 'status' && !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)) {
			throw new Error('status fault needs an HTTP status code.');
		}
		this.faults.push({ spec, remaining: times });
	}

	clear(): void {
		this.faults = [];
	}

	/** The first matching fault, used up by one. */
	take(method: string, path: string): FaultSpec | null {
		const index = this.faults.findIndex(({ spec }) => matches(spec, method, path));
		if (index < 0) return null;
		const fault = this.faults[index];
		fault.remaining--;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault.spec;
	}
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
	if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false;
	if (spec.path === undefined) return true;
	if (typeof spec.path === 'string') return path.startsWith(spec.path);
	spec.path.lastIndex = 0;
	return spec.path.test(path);
}

export function describeFault(spec: FaultSpec): string {
	switch (spec.kind) {
		case 'status':
			return spec.process ? `status ${spec.status} after processing` : `status ${spec.status}`;
		case 'drop':
			return spec.process ? 'drop after processing' : 'drop';
		case 'latency':
			return `latency ${spec.ms}ms`;
	}
}
