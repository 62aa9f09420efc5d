import type { IExecuteFunctions } from 'n8n-workflow';

export type ParameterReader = (name: string, itemIndex: number, fallback?: unknown) => unknown;

/**
 * getNodeParameter, resolved once for parameters that hold no expression. Operations that read the
 * same parameters for thousands of items (personalised sends) would otherwise resolve identical
 * values thousands of times. Values are shared between items: callers must not mutate them.
 */
export function cachedParameterReader(context: IExecuteFunctions): ParameterReader {
	const raw = context.getNode().parameters;
	const cache = new Map<string, unknown>();
	return (name, itemIndex, fallback) => {
		if (containsExpression(raw[name])) return context.getNodeParameter(name, itemIndex, fallback as never);
		if (!cache.has(name)) cache.set(name, context.getNodeParameter(name, itemIndex, fallback as never));
		return cache.get(name);
	};
}

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}

/**
 * The value of a resource-locator parameter (`{ __rl, mode, value }`), or the parameter itself when
 * it was given as a plain value (older workflows, expressions, tests).
 */
export function resourceLocatorValue(parameter: unknown): unknown {
	if (parameter && typeof parameter === 'object' && 'value' in parameter) {
		return (parameter as { value: unknown }).value;
	}
	return parameter;
}
