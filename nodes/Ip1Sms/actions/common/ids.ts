import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { INTERNATIONAL_FORMAT, toMsisdn } from '../../../shared/phoneNumbers';
import { getParameter, parameter } from './parameters';

export const REQUIRED = 'is required';

/** What an ID, name or key must look like before it goes into a request, and how to fix it. */
export interface IdRule {
	/** The field as the error names it. */
	field: string;
	/** The rule `value` (trimmed) breaks, or undefined when it is fine. */
	problem: (value: string) => string | undefined;
	fix: string;
}

/** A rule from a pattern. An empty value breaks `empty` when given (REQUIRED: "is required" instead of quoting ""). */
export function matching(pattern: RegExp, broken: string, empty?: string): IdRule['problem'] {
	return (value) => {
		if (value === '' && empty !== undefined) return empty;
		return pattern.test(value) ? undefined : broken;
	};
}

/** The value of a resource locator (`{ __rl, mode, value }`), or a plain value (older workflows, expressions). */
function resourceLocatorValue(parameter: unknown): unknown {
	return parameter && typeof parameter === 'object' && 'value' in parameter ? parameter.value : parameter;
}

/** The one reader of IDs, names and keys: trimmed, and checked by `rule` before any request (else an input error). */
export function checkedId(node: INode, itemIndex: number, raw: unknown, rule: IdRule): string {
	const value = String(resourceLocatorValue(raw) ?? '').trim();
	const problem = rule.problem(value);
	if (problem === undefined) return value;
	throw inputError(node, itemIndex, {
		field: rule.field,
		rule: problem,
		value: value === '' && problem === REQUIRED ? undefined : value,
		fix: rule.fix,
	});
}

type IdReader = (context: IExecuteFunctions, itemIndex: number) => string;

/** The reader of an ID, name or key field: read as '' when absent (never its default), then checked by `rule`. */
export function idReader(field: Pick<INodeProperties, 'name'>, rule: IdRule): IdReader {
	const read = parameter<unknown>(field, '');
	return (context, itemIndex) => checkedId(context.getNode(), itemIndex, getParameter(context, read, itemIndex), rule);
}

/** Batch and message IDs go into URL paths: only ID characters are accepted. */
export function documentIdRule(field: string): IdRule {
	return {
		field,
		problem: matching(/^[A-Za-z0-9_-]{1,64}$/, 'must be an iP.1 ID (letters and digits, such as 5bc86b6e85c7209830f96936)'),
		fix: `Map the ${field.toLowerCase()} from a previous node, e.g. {{ $json.batchId }} from an SMS → Send.`,
	};
}

/** IDs chosen from a list or mapped (landing pages and their elements). */
export function pathIdRule(field: string, example: string): IdRule {
	return {
		field,
		problem: matching(/^[^\s/?#]+$/, 'must be an ID without spaces or slashes', REQUIRED),
		fix: `Choose it from the list or map its "id" from a previous node (for example ${example}).`,
	};
}

/** A phone number of a field as MSISDN (national ones read by the Default Country Code's plan), or an input error. */
export function checkedMsisdn(
	node: INode,
	itemIndex: number,
	raw: unknown,
	defaultCountryCode: string,
	rule: Pick<IdRule, 'field' | 'fix'>,
): string {
	const result = toMsisdn(raw, defaultCountryCode);
	if (result.ok) return result.msisdn;
	throw inputError(node, itemIndex, {
		field: rule.field,
		rule: result.reason,
		value: raw,
		fix: rule.fix,
		toolRule: result.toolReason,
		toolFix: `${INTERNATIONAL_FORMAT}. Nothing was sent.`,
	});
}
