import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import {
	assertEncodable,
	assertTextLength,
	chooseDatacoding,
	readableRequest,
	textFacts,
	wireBody,
} from '../../helpers/batchRequest';
import { planTemplatedRequests } from '../../helpers/chunking';
import type { Encoding } from '../../helpers/gsm';
import { errorItem, toItems, withItemIndex } from '../common/items';
import { inputError } from '../../../shared/errors/inputErrors';
import { cachedParameterReader, type ParameterReader } from '../common/parameters';
import { readRecipients } from '../../helpers/recipients';
import { MAX_TEXT_LENGTH, readSendSettings, type SendSettings } from '../../helpers/sendSettings';
import {
	personalise,
	placeholdersIn,
	readPairs,
	recipientValues,
	type PlaceholderValues,
} from '../../helpers/templating';
import { withNote } from '../../../shared/errors/notes';
import { asNodeError } from '../../transport/apiErrors';
import { sendOutput } from './output';
import { newReference, postBatch, type SentBatch } from './postBatch';

/** One valid input item, ready to send. */
interface PreparedItem {
	itemIndex: number;
	settings: SendSettings;
	msisdns: string[];
	/** The placeholder values sent for this item's recipients. */
	values: PlaceholderValues;
	defaults: PlaceholderValues;
	/** The text this item's recipients receive. */
	text: string;
	/** The datacoding of the requests that carry this item (Auto: from its substituted text). */
	datacoding: Encoding;
	/** Items with equal keys share requests: same sender, text, options, defaults and datacoding. */
	groupKey: string;
}

interface Entry {
	item: PreparedItem;
	msisdn: string;
}

/** What the run learnt per input item: its error item, and the batches that carried its numbers. */
interface Outcome {
	failures: Map<number, INodeExecutionData>;
	delivered: Map<number, SentBatch[]>;
}

/**
 * Mode "One Personalised Batch for All Items": every item is a recipient of one templated request
 * (split into requests of "Recipients per Request"). All items are validated before anything is
 * sent: without Continue On Fail the first bad item stops the node before any request; with it,
 * bad items come back as errors paired to their input and the good ones are sent.
 */
export async function sendPersonalised(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const outcome: Outcome = { failures: new Map(), delivered: new Map() };
	const prepared = prepareAll(context, items.length, outcome);
	await sendAll(context, planRequests(prepared), outcome);
	return outputsOf(context, items.length, prepared, outcome);
}

function prepareAll(context: IExecuteFunctions, itemCount: number, outcome: Outcome): PreparedItem[] {
	const node = context.getNode();
	const read = cachedParameterReader(context);
	const timeZone = context.getTimezone();
	const now = Date.now();
	const prepared: PreparedItem[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			prepared.push(prepareItem(node, read, itemIndex, timeZone, now));
		} catch (error) {
			if (!context.continueOnFail()) throw withItemIndex(context, error, itemIndex);
			outcome.failures.set(itemIndex, errorItem(error, itemIndex));
		}
	}
	return prepared;
}

/** Items that share a group key share requests; a number appears at most once per request. */
function planRequests(prepared: PreparedItem[]): Entry[][] {
	const groups = new Map<string, Entry[]>();
	for (const item of prepared) {
		let group = groups.get(item.groupKey);
		if (!group) groups.set(item.groupKey, (group = []));
		for (const msisdn of item.msisdns) group.push({ item, msisdn });
	}
	return Array.from(groups.values()).flatMap((entries) =>
		planTemplatedRequests(entries, entries[0].item.settings.recipientsPerRequest, (entry) => entry.msisdn),
	);
}

async function sendAll(context: IExecuteFunctions, requests: Entry[][], outcome: Outcome): Promise<void> {
	const sentSoFar: SentBatch[] = [];
	for (let index = 0; index < requests.length; index++) {
		const entries = requests[index];
		const reference = entries[0].item.settings.reference ?? newReference();
		let batch: SentBatch;
		try {
			batch = await sendRequest(context, entries, reference);
		} catch (error) {
			const nodeError = asNodeError(context.getNode(), error);
			if (!context.continueOnFail()) throw withNote(nodeError, progressNote(sentSoFar, requests, index, reference));
			for (const { item } of entries) {
				const failed = errorItem(nodeError, item.itemIndex);
				failed.json.reference = reference;
				outcome.failures.set(item.itemIndex, failed);
			}
			continue;
		}
		sentSoFar.push(batch);
		for (const { item } of entries) {
			const batches = outcome.delivered.get(item.itemIndex) ?? [];
			if (!batches.includes(batch)) batches.push(batch);
			outcome.delivered.set(item.itemIndex, batches);
		}
	}
}

async function sendRequest(context: IExecuteFunctions, entries: Entry[], reference: string): Promise<SentBatch> {
	const { settings, defaults, itemIndex } = entries[0].item;
	const recipients: Record<string, PlaceholderValues> = {};
	for (const { item, msisdn } of entries) recipients[msisdn] = item.values;
	// Always present, empty when no Default Values are set: one reading of the API requires it,
	// and under the legacy rule an empty `default` changes nothing.
	recipients.default = defaults;
	const datacoding = chooseDatacoding(settings.encoding, entries.map(({ item }) => item.text));
	const parts = { recipients, reference, datacoding };
	return await postBatch(context, (form) => wireBody(settings, parts, form), reference, itemIndex);
}

function outputsOf(context: IExecuteFunctions, itemCount: number, prepared: PreparedItem[], outcome: Outcome): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	const byIndex = new Map(prepared.map((item) => [item.itemIndex, item]));
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const failure = outcome.failures.get(itemIndex);
		const sent = outcome.delivered.get(itemIndex) ?? [];
		if (failure) {
			// Some of this item's numbers may have gone out in another request: say so.
			const sentIds = sent.map((batch) => batch.batchId).filter(Boolean);
			if (sentIds.length > 0) failure.json.sentBatchIds = sentIds as string[];
			output.push(failure);
			continue;
		}
		const item = byIndex.get(itemIndex);
		if (item) output.push(...toItems(context, itemOutput(item, sent), itemIndex));
	}
	return output;
}

function itemOutput(item: PreparedItem, sent: SentBatch[]): IDataObject {
	const request = readableRequest(item.settings, item.msisdns, sent[0]?.reference ?? '', item.datacoding);
	request.values = item.values;
	if (Object.keys(item.defaults).length > 0) request.defaults = item.defaults;
	return sendOutput({
		sent,
		recipients: item.msisdns,
		request,
		text: item.text,
		...textFacts(item.text, item.msisdns.length, item.datacoding),
	});
}

function prepareItem(node: INode, read: ParameterReader, itemIndex: number, timeZone: string, now: number): PreparedItem {
	const settings = readSendSettings(node, read, itemIndex, timeZone, now);
	const { msisdns } = readRecipients(node, itemIndex, read('recipients', itemIndex, ''), settings.defaultCountryCode);
	const fields = readPairs(read('personalisation', itemIndex, {}));
	const defaults = readPairs(read('defaultValues', itemIndex, {}));
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
	const text = personalise(settings.text, values, usedDefaults);
	assertTextLength(node, itemIndex, text, MAX_TEXT_LENGTH);
	assertEncodable(node, itemIndex, text, settings, placeholders.length > 0);
	const datacoding = chooseDatacoding(settings.encoding, [text]);
	return {
		itemIndex,
		settings,
		msisdns,
		values,
		defaults: usedDefaults,
		text,
		datacoding,
		groupKey: groupKeyOf(settings, usedDefaults, datacoding),
	};
}

/**
 * Everything that goes into a request besides the recipients (the default country code does not).
 * With Auto, items whose text fits GSM-7 and items that need Unicode go in separate requests, so
 * one emoji in one name does not make a whole campaign UCS-2.
 */
function groupKeyOf(settings: SendSettings, defaults: PlaceholderValues, datacoding: Encoding): string {
	return JSON.stringify([
		settings.sender,
		settings.text,
		settings.type,
		datacoding,
		settings.priority,
		settings.deliveryWindows,
		settings.deliveryReportUrl ?? null,
		settings.reference ?? null,
		settings.tags,
		settings.recipientsPerRequest,
		defaults,
	]);
}

function progressNote(sent: SentBatch[], requests: Entry[][], failedIndex: number, reference: string): string {
	const notSent = requests.slice(failedIndex + 1).reduce((total, entries) => total + entries.length, 0);
	const lines = [`Request ${failedIndex + 1} of ${requests.length} (reference "${reference}") failed.`];
	if (sent.length > 0) {
		const shown = sent.slice(0, 10).map((batch) => batch.batchId ?? `reference "${batch.reference}"`);
		const more = sent.length > 10 ? ` and ${sent.length - 10} more` : '';
		lines.push(`Already sent before it, do not send again: ${shown.join(', ')}${more}.`);
	}
	if (notSent > 0) lines.push(`${notSent} recipient(s) in later requests were not sent.`);
	return lines.join(' ');
}
