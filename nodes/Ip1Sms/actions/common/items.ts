import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { answeredWith } from '../../../shared/dialect/errorBody';
import { asNodeError } from '../../../shared/errors/apiErrors';
import { messageOf } from '../../../shared/errors/notes';

/** What an operation returns for one input item: one output item per object. */
export type ItemResult = IDataObject | IDataObject[];

/** `handle` per input item, outputs paired to it; a failure stops the node or is an error item (Continue On Fail). */
export async function forEachItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push(...toItems(context, await handle(itemIndex), itemIndex));
		} catch (error) {
			if (!context.continueOnFail()) throw withItemIndex(context, error, itemIndex);
			output.push(errorItem(error, itemIndex));
		}
	}
	return output;
}

export function toItems(context: IExecuteFunctions, result: ItemResult, itemIndex: number): INodeExecutionData[] {
	return context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(result), {
		itemData: { item: itemIndex },
	});
}

/** The item "Continue On Fail" puts out for a failed input item. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: messageOf(error) };
	if ((error instanceof NodeApiError || error instanceof NodeOperationError) && error.description) {
		json.errorDescription = error.description;
	}
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/** Every error that leaves the node names the item it belongs to. */
export function withItemIndex(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}

/** The answer of `request`, or undefined when the API answers 404 (reads where "not there" is an answer). */
export async function unlessNotFound<T>(context: IExecuteFunctions, request: Promise<T>): Promise<T | undefined> {
	try {
		return await request;
	} catch (error) {
		if (answeredWith(error, '404')) return undefined;
		throw asNodeError(context.getNode(), error);
	}
}

/** Every item's input, read before a combined request: the readable ones, and the errors of the rest. */
export interface EveryItem<T> {
	values: Map<number, T>;
	/** Only with Continue On Fail: without it the first error stops the node. */
	errors: Map<number, unknown>;
}

/** Reads (validates) every item before any request: a bad one stops the node or is an error item (Continue On Fail). */
export function readEveryItem<T>(context: IExecuteFunctions, itemCount: number, read: (itemIndex: number) => T): EveryItem<T> {
	const values = new Map<number, T>();
	const errors = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			values.set(itemIndex, read(itemIndex));
		} catch (error) {
			if (!context.continueOnFail()) throw withItemIndex(context, error, itemIndex);
			errors.set(itemIndex, error);
		}
	}
	return { values, errors };
}

/** Outputs of operations that combine items, back in input order (by their first paired item). */
export function sortByItem(output: INodeExecutionData[]): INodeExecutionData[] {
	return output.sort((a, b) => firstItem(a) - firstItem(b));
}

function firstItem(item: INodeExecutionData): number {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : (paired?.item ?? 0);
}
