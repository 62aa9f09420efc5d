import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import {
	assertEncodable,
	chooseDatacoding,
	readableRequest,
	textFacts,
	wireBody,
} from '../../helpers/batchRequest';
import { chunk } from '../../helpers/chunking';
import type { Encoding } from '../../helpers/gsm';
import { forEachItem, withItemIndex } from '../common/items';
import { cachedParameterReader, type ParameterReader } from '../common/parameters';
import { readRecipients } from '../../helpers/recipients';
import { readSendSettings, type SendSettings } from '../../helpers/sendSettings';
import { withNote } from '../../../shared/errors/notes';
import { asNodeError } from '../../transport/apiErrors';
import { sendOutput } from './output';
import { newReference, postBatch, type SentBatch } from './postBatch';

/** One item, validated: everything its requests need. */
interface PreparedItem {
	settings: SendSettings;
	msisdns: string[];
	duplicatesRemoved: number;
	datacoding: Encoding;
}

/**
 * Mode "One Batch per Item": every item sends its own batch to its own recipients. Every item is
 * validated before the first request, as in personalised mode: without Continue On Fail one bad
 * item stops the node before anything is sent (so a re-run after the fix sends nothing twice);
 * with it, bad items come back as errors paired to their input and the good ones are sent.
 */
export async function sendPerItem(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const read = cachedParameterReader(context);
	const timeZone = context.getTimezone();
	const now = Date.now();
	const continueOnFail = context.continueOnFail();

	const prepared = new Map<number, PreparedItem>();
	const refused = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.set(itemIndex, prepareItem(node, read, itemIndex, timeZone, now));
		} catch (error) {
			if (!continueOnFail) throw withItemIndex(context, error, itemIndex);
			refused.set(itemIndex, error);
		}
	}

	const sentItems: Array<{ itemIndex: number; sent: SentBatch[] }> = [];
	return await forEachItem(context, items, async (itemIndex) => {
		const item = prepared.get(itemIndex);
		if (!item) throw asNodeError(node, refused.get(itemIndex));
		const sent = await sendItem(context, item, itemIndex, (error, sentForItem) => {
			const nodeError = withNote(asNodeError(node, error), alreadySentNote(sentForItem));
			return continueOnFail ? nodeError : withNote(nodeError, progressNote(sentItems, itemIndex, items.length));
		});
		sentItems.push({ itemIndex, sent });
		const output: IDataObject = sendOutput({
			sent,
			recipients: item.msisdns,
			request: readableRequest(item.settings, item.msisdns, sent[0].reference, item.datacoding),
			...textFacts(item.settings.text, item.msisdns.length, item.datacoding),
			text: item.settings.text,
		});
		if (item.duplicatesRemoved > 0) output.duplicatesRemoved = item.duplicatesRemoved;
		return output;
	});
}

function prepareItem(node: INode, read: ParameterReader, itemIndex: number, timeZone: string, now: number): PreparedItem {
	const settings = readSendSettings(node, read, itemIndex, timeZone, now);
	const { msisdns, duplicatesRemoved } = readRecipients(node, itemIndex, read('recipients', itemIndex, ''), settings.defaultCountryCode);
	assertEncodable(node, itemIndex, settings.text, settings);
	return { settings, msisdns, duplicatesRemoved, datacoding: chooseDatacoding(settings.encoding, [settings.text]) };
}

/** The item's requests, one per "Recipients per Request"; a failure is described by `describe`. */
async function sendItem(
	context: IExecuteFunctions,
	item: PreparedItem,
	itemIndex: number,
	describe: (error: unknown, sentForItem: SentBatch[]) => Error,
): Promise<SentBatch[]> {
	const sent: SentBatch[] = [];
	for (const recipients of chunk(item.msisdns, item.settings.recipientsPerRequest)) {
		const reference = item.settings.reference ?? newReference();
		const parts = { recipients, reference, datacoding: item.datacoding };
		try {
			sent.push(await postBatch(context, (form) => wireBody(item.settings, parts, form), reference, itemIndex));
		} catch (error) {
			throw describe(error, sent);
		}
	}
	return sent;
}

function alreadySentNote(sent: SentBatch[]): string {
	if (sent.length === 0) return '';
	return `Already sent for this item, do not send these again: ${sent.map(describeBatch).join(', ')}.`;
}

/** Without Continue On Fail the node stops at this item: what went out before it, and what did not. */
function progressNote(sentItems: Array<{ itemIndex: number; sent: SentBatch[] }>, failedIndex: number, itemCount: number): string {
	const lines: string[] = [];
	if (sentItems.length > 0) {
		const shown = sentItems.slice(0, 10).map(({ itemIndex, sent }) => `item ${itemIndex} (${sent.map(describeBatch).join(', ')})`);
		const more = sentItems.length > 10 ? ` and ${sentItems.length - 10} more items` : '';
		lines.push(`Items sent before this one, do not send them again: ${shown.join(', ')}${more}.`);
	}
	const notSent = itemCount - failedIndex - 1;
	if (notSent === 1) lines.push(`Item ${failedIndex + 1} was not sent.`);
	if (notSent > 1) lines.push(`Items ${failedIndex + 1}–${itemCount - 1} were not sent.`);
	return lines.join(' ');
}

function describeBatch(batch: SentBatch): string {
	return `batch ${batch.batchId ?? '(unknown id)'}, reference "${batch.reference}"`;
}
