import { randomBytes } from 'node:crypto';

// Ids look like the documentation's (MongoDB ObjectId style: 24 lowercase hex characters).
// Time + per-process random + counter makes them unique without any bookkeeping.
const processRandom = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

export function newObjectId(nowMs: number): string {
	counter = (counter + 1) % 0x1000000;
	const seconds = Math.floor(nowMs / 1000) % 0x100000000;
	return seconds.toString(16).padStart(8, '0') + processRandom + counter.toString(16).padStart(6, '0');
}

export function newToken(): string {
	return randomBytes(24).toString('hex');
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function shortCode(length: number): string {
	const bytes = randomBytes(length);
	let code = '';
	for (const byte of bytes) code += ALPHANUMERIC[byte % ALPHANUMERIC.length];
	return code;
}

/** ASP.NET-style W3C trace id, so error bodies look like the problem details clients will meet. */
export function newTraceId(): string {
	return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}
