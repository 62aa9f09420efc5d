import { NodeOperationError } from 'n8n-workflow';

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Adds what had already been sent to an error's description, so nobody re-sends it blindly. */
export function withNote<E extends Error>(error: E, note: string): E {
	if (error instanceof NodeOperationError || 'description' in error) {
		const described = error as E & { description?: string | null };
		described.description = [described.description, note].filter(Boolean).join('\n');
	}
	return error;
}
