import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { readEveryItem, type EveryItem } from '../../common/items';
import { cachedParameterReader, type ParameterReader } from '../../common/parameters';
import { composePersonalisation, type Personalisation } from './personalisation';
import { readRecipients } from './recipients';
import { composeSettings, MAX_TEXT_LENGTH, type Clock, type SendSettings } from './settings';
import { SEND } from '../fields';
import { assertEncodable, assertTextLength } from './text';

/** One item of "One SMS per Item", valid: everything its requests need. */
export interface PerItemSend {
	settings: SendSettings;
	msisdns: string[];
	duplicatesRemoved: number;
}

/** One item of "One Personalised Batch for All Items", valid: a recipient and its text. */
export interface PersonalisedSend extends Personalisation {
	itemIndex: number;
	settings: SendSettings;
	msisdns: string[];
}

type Validate<T> = (node: INode, read: ParameterReader, itemIndex: number, clock: Clock) => T;

/**
 * Every item composed and checked before the first request, in both modes: without Continue On
 * Fail one bad item stops the node before anything is sent (so a re-run after the fix sends nothing
 * twice); with it, bad items come back as errors paired to their input and the good ones are sent.
 */
export function validateEveryItem<T>(context: IExecuteFunctions, itemCount: number, validate: Validate<T>): EveryItem<T> {
	const node = context.getNode();
	const read = cachedParameterReader(context);
	const clock: Clock = { timeZone: context.getTimezone(), now: Date.now() };
	return readEveryItem(context, itemCount, (itemIndex) => validate(node, read, itemIndex, clock));
}

export const validatePerItem: Validate<PerItemSend> = (node, read, itemIndex, clock) => {
	const settings = composeSettings(node, read, itemIndex, clock);
	const { msisdns, duplicatesRemoved } = readRecipients(node, itemIndex, read(SEND.recipients, itemIndex), settings.defaultCountryCode);
	assertEncodable(node, itemIndex, settings.text, settings);
	return { settings, msisdns, duplicatesRemoved };
};

export const validatePersonalised: Validate<PersonalisedSend> = (node, read, itemIndex, clock) => {
	const settings = composeSettings(node, read, itemIndex, clock);
	const { msisdns } = readRecipients(node, itemIndex, read(SEND.recipients, itemIndex), settings.defaultCountryCode);
	const personalisation = composePersonalisation(node, read, itemIndex, settings);
	assertTextLength(node, itemIndex, personalisation.text, MAX_TEXT_LENGTH);
	assertEncodable(node, itemIndex, personalisation.text, settings, personalisation.placeholders.length > 0);
	return { itemIndex, settings, msisdns, ...personalisation };
};
