import type { INode } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import type { ParameterReader } from '../../common/parameters';
import { SEND } from '../fields';
import type { SendSettings } from './settings';
import { personalise, placeholdersIn, readPairs, recipientValues, type PlaceholderValues } from './templating';

/** What one item's recipient gets in personalised mode. */
export interface Personalisation {
	/** The placeholders of the message, in order. */
	placeholders: string[];
	/** The placeholder values sent for this item's recipients. */
	values: PlaceholderValues;
	/** The Default Values the message uses. */
	defaults: PlaceholderValues;
	/** The text this item's recipients receive. */
	text: string;
}

/** The item's Personalisation Fields and Default Values: every placeholder of the message covered. */
export function composePersonalisation(node: INode, read: ParameterReader, itemIndex: number, settings: SendSettings): Personalisation {
	const fields = readPairs(read(SEND.personalisation, itemIndex));
	const defaults = readPairs(read(SEND.defaultValues, itemIndex));
	const badNames = [...fields.badNames, ...defaults.badNames];
	if (badNames.length > 0) {
		throw inputError(node, itemIndex, {
			field: 'Personalisation Fields',
			rule: 'has placeholder names that are empty or contain spaces or braces',
			value: badNames,
			fix: 'Name each field like its placeholder without braces: firstName for {firstName}.',
		});
	}
	const placeholders = placeholdersIn(settings.text);
	// A placeholder listed with an empty default is deliberate: it becomes empty text.
	const unmapped = placeholders.filter((name) => !fields.names.includes(name) && !defaults.names.includes(name));
	if (unmapped.length > 0) {
		throw inputError(node, itemIndex, {
			field: 'Message',
			rule: `has placeholders with no personalisation field and no default value: ${unmapped.map((name) => `{${name}}`).join(', ')}`,
			fix: 'Add a Personalisation Field (or a Default Value) for each placeholder, or correct its spelling in the message. Otherwise the braces would be sent as they are.',
		});
	}
	const values = recipientValues(placeholders, fields.values, defaults.values);
	const usedDefaults: PlaceholderValues = {};
	for (const name of placeholders) if (defaults.values[name] !== undefined) usedDefaults[name] = defaults.values[name];
	return { placeholders, values, defaults: usedDefaults, text: personalise(settings.text, values, usedDefaults) };
}
