import { DEFAULT_VARIANTS, VARIANT_VALUES, type SandboxOptions, type SandboxVariants } from './types';

// Checks switch names and values from code, JSON (control API) and the CLI. Every refusal names the
// allowed values, so a typo never silently leaves a default in force.

export type VariantName = keyof SandboxVariants;

export class VariantError extends Error {
	constructor(
		readonly variant: string,
		message: string,
	) {
		super(message);
	}
}

export const VARIANT_NAMES = Object.keys(DEFAULT_VARIANTS) as VariantName[];

function isVariantName(name: string): name is VariantName {
	return (VARIANT_NAMES as string[]).includes(name);
}

function allowedText(name: VariantName): string {
	if (name === 'pageSizeCap') return 'a whole number of 1 or more (the matrix uses 1000, 500, 100)';
	return `one of ${VARIANT_VALUES[name].map((value) => JSON.stringify(value)).join(', ')}`;
}

/**
 * One value, checked. `fromText` accepts the CLI's strings for numeric switches ("500", "200").
 */
function checkValue(name: VariantName, raw: unknown, fromText: boolean): SandboxVariants[VariantName] {
	const numeric = typeof VARIANT_VALUES[name][0] === 'number';
	const value = fromText && numeric && typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
	if (name === 'pageSizeCap') {
		if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
	} else if ((VARIANT_VALUES[name] as ReadonlyArray<unknown>).includes(value)) {
		return value as SandboxVariants[VariantName];
	}
	throw new VariantError(name, `${name} must be ${allowedText(name)} (got ${JSON.stringify(raw)}).`);
}

/** A partial set of switches from untrusted input (a JSON object); throws VariantError on anything unknown. */
export function checkVariants(input: unknown, fromText = false): Partial<SandboxVariants> {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new VariantError('$', 'Variants must be a JSON object of switch names and values.');
	}
	const out: Partial<Record<VariantName, unknown>> = {};
	for (const [name, raw] of Object.entries(input)) {
		if (!isVariantName(name)) {
			throw new VariantError(name, `Unknown variant '${name}'. Known variants: ${VARIANT_NAMES.join(', ')}.`);
		}
		out[name] = checkValue(name, raw, fromText);
	}
	return out as Partial<SandboxVariants>;
}

/** `name=value` from the CLI's `--variant`. */
export function parseVariantArgument(text: string): Partial<SandboxVariants> {
	const equals = text.indexOf('=');
	if (equals <= 0) throw new VariantError('$', `--variant needs name=value (got ${JSON.stringify(text)}).`);
	return checkVariants({ [text.slice(0, equals)]: text.slice(equals + 1) }, true);
}

/** Start values: defaults, then the older option names, then `variants` (which wins). */
export function resolveVariants(options: SandboxOptions): SandboxVariants {
	const aliases: Partial<Record<VariantName, unknown>> = {};
	if (options.enumStyle !== undefined) aliases.responseEnums = options.enumStyle;
	if (options.batchResponseShape !== undefined) aliases.sendResponse = options.batchResponseShape;
	if (options.dlrIdKey !== undefined) aliases.dlrIdKey = options.dlrIdKey;
	if (options.maxPageSize !== undefined) aliases.pageSizeCap = options.maxPageSize;
	return { ...DEFAULT_VARIANTS, ...checkVariants(aliases), ...checkVariants(options.variants ?? {}) };
}

/** Only the switches that differ from the defaults (for the CLI's banner). */
export function nonDefaultVariants(variants: SandboxVariants): Partial<SandboxVariants> {
	const out: Partial<Record<VariantName, unknown>> = {};
	for (const name of VARIANT_NAMES) if (variants[name] !== DEFAULT_VARIANTS[name]) out[name] = variants[name];
	return out as Partial<SandboxVariants>;
}
