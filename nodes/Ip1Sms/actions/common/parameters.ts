import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** A node parameter as the operations read it: its name from its field definition, its value type stated once. */
export interface Parameter<T> {
	readonly name: string;
	/** What an absent parameter reads as. */
	readonly fallback?: T;
}

export function parameter<T>(field: Pick<INodeProperties, 'name'>, fallback?: T): Parameter<T> {
	return { name: field.name, fallback };
}

export function getParameter<T>(context: IExecuteFunctions, parameter: Parameter<T>, itemIndex: number): T {
	return context.getNodeParameter(parameter.name, itemIndex, parameter.fallback as never) as T;
}

/** Entries typed as `a, b` or mapped as an array (labels, contact IDs); trimmed, without empties and duplicates. */
export function listEntries(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((entry) => String(entry ?? '')) : String(value ?? '').split(',');
	return Array.from(new Set(parts.map((part) => part.trim()).filter((part) => part !== '')));
}

export type ParameterReader = <T>(parameter: Parameter<T>, itemIndex: number) => T;

/** getNodeParameter resolved once unless an expression (personalised sends read thousands of items); do not mutate. */
export function cachedParameterReader(context: IExecuteFunctions): ParameterReader {
	const raw = context.getNode().parameters;
	const cache = new Map<string, unknown>();
	return <T>(parameter: Parameter<T>, itemIndex: number): T => {
		if (containsExpression(raw[parameter.name])) return getParameter(context, parameter, itemIndex);
		if (!cache.has(parameter.name)) cache.set(parameter.name, getParameter(context, parameter, itemIndex));
		return cache.get(parameter.name) as T;
	};
}

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}
