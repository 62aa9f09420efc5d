import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import { getParameter } from '../../common/parameters';
import { WAIT } from './fields';
import { overlapping } from './keywords';
import { rulesFromValues, type QuestionRules } from './questionRules';

/**
 * The question's rules, read for the first item (expressions resolved for it) and checked before
 * anything is sent: both keyword lists non-empty, no keyword in both. They travel with the question
 * (questionRules.ts): the reply is judged by exactly these.
 */
export function questionRulesOf(context: IExecuteFunctions): QuestionRules {
	const responseType = getParameter(context, WAIT.responseType, 0) === 'freeText' ? 'freeText' : 'approval';
	const rules = rulesFromValues(responseType, (getParameter(context, WAIT.approvalOptions, 0) ?? {}) as IDataObject);
	if (responseType === 'freeText') return rules;
	const node = context.getNode();
	if (rules.approve.length === 0 || rules.decline.length === 0) {
		const field = rules.approve.length === 0 ? 'Approve Keywords' : 'Decline Keywords';
		throw inputError(node, 0, { field, rule: 'needs at least one keyword', fix: 'Enter the words, separated by commas (e.g. YES, JA).' });
	}
	const both = overlapping(rules);
	if (both.length > 0) {
		throw inputError(node, 0, {
			field: 'Approve Keywords',
			rule: `and "Decline Keywords" both contain ${both.map((word) => `"${word}"`).join(', ')}`,
			fix: 'A keyword may approve or decline, not both: remove it from one list.',
		});
	}
	return rules;
}
