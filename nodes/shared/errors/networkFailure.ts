/** The error code and words of a request that got no HTTP answer, as Node.js or the HTTP client gave them. */
export interface FailureCause {
	/** e.g. `ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, `ERR_INVALID_URL`; undefined when none was given. */
	code?: string;
	/** The original message, on one line. */
	message?: string;
}

const CODE = /^[A-Z][A-Z0-9_]{2,}$/;
const MAX_MESSAGE = 200;

/**
 * n8n wraps the HTTP client's error (`cause`, or `errorResponse` when the original came from
 * another realm), which wraps Node's: the code is searched through the whole chain, and the
 * message is taken from the innermost error that carries it (n8n's wrapper may have replaced it).
 */
export function findNetworkFailure(error: unknown): FailureCause {
	const chain = errorChain(error);
	const coded = chain.filter((entry) => typeof entry.code === 'string' && CODE.test(entry.code));
	const source = coded.length > 0 ? coded[coded.length - 1] : chain[chain.length - 1];
	const message = oneLine(source?.message);
	if (coded.length > 0) return { code: coded[0].code as string, message };
	// Messages some HTTP stacks give without a code.
	if (message && /timeout|timed out/i.test(message)) return { code: 'ETIMEDOUT', message };
	if (message && /socket hang up/i.test(message)) return { code: 'ECONNRESET', message };
	return { message };
}

interface ChainEntry {
	code?: unknown;
	message?: unknown;
}

function errorChain(error: unknown): ChainEntry[] {
	const chain: ChainEntry[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 8 && !chain.includes(current as ChainEntry)) {
		const entry = current as ChainEntry & { cause?: unknown; errorResponse?: unknown; reason?: unknown };
		chain.push(entry);
		current = entry.cause ?? entry.errorResponse ?? entry.reason;
	}
	return chain;
}

function oneLine(message: unknown): string | undefined {
	if (typeof message !== 'string') return undefined;
	const text = message.replace(/\s+/g, ' ').trim();
	if (text === '') return undefined;
	return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
