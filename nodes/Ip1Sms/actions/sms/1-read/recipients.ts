import type { INode } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import { INTERNATIONAL_FORMAT, splitRecipients, toMsisdn } from '../../../../shared/phoneNumbers';

/** How many invalid numbers one error message lists before it says "and N more". */
const LISTED = 5;

export interface Recipients {
	/** MSISDNs in the order given, each once. */
	msisdns: string[];
	/** How many entries were dropped because they repeated a number already in the list. */
	duplicatesRemoved: number;
}

/**
 * One item's recipients (a list, a comma/semicolon/newline separated string, or an array) as MSISDNs,
 * each once (`+46 70…` and `070…` are one). An invalid number is an input error before any request.
 */
export function readRecipients(node: INode, itemIndex: number, raw: unknown, defaultCountryCode: string): Recipients {
	const entries = splitRecipients(raw);
	if (entries.length === 0) {
		throw inputError(node, itemIndex, {
			field: 'Recipients',
			rule: 'needs at least one phone number',
			fix: 'Enter the numbers with their country code (for example 46701234567 or +46 70 123 45 67), separated by commas or new lines, or map a field or an array from a previous node.',
			toolFix: 'Give at least one phone number in the international format (+46701234567); separate several with commas. Nothing was sent.',
		});
	}
	const msisdns: string[] = [];
	const seen = new Set<string>();
	const invalid: string[] = [];
	const invalidForTool: string[] = [];
	for (const entry of entries) {
		const result = toMsisdn(entry, defaultCountryCode);
		if (!result.ok) {
			invalid.push(`"${entry}" ${result.reason}`);
			invalidForTool.push(`"${entry}" ${result.toolReason ?? result.reason}`);
			continue;
		}
		if (seen.has(result.msisdn)) continue;
		seen.add(result.msisdn);
		msisdns.push(result.msisdn);
	}
	if (invalid.length > 0) {
		const more = invalid.length > LISTED ? `; and ${invalid.length - LISTED} more` : '';
		const listed = (reasons: string[]) =>
			`has ${invalid.length === 1 ? 'an invalid phone number' : `${invalid.length} invalid phone numbers`}: ${reasons.slice(0, LISTED).join('; ')}${more}`;
		throw inputError(node, itemIndex, {
			field: 'Recipients',
			rule: listed(invalid),
			fix: 'Write each number with its country code (46701234567, +46 70 123 45 67 or 0046 70 123 45 67), or set "Default Country Code" in the options for national numbers (070 123 45 67 with 46, (212) 555-0199 with 1). Nothing was sent for this item.',
			toolRule: listed(invalidForTool),
			toolFix: `${INTERNATIONAL_FORMAT}, and call the tool again with every number written so. Nothing was sent.`,
		});
	}
	return { msisdns, duplicatesRemoved: entries.length - invalid.length - msisdns.length };
}
