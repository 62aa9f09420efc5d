import type { INodeProperties } from 'n8n-workflow';

import { normaliseElement } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { collection, COLLECTIONS, landingPageIdField, nothingToChange, UPDATE_FIELDS } from '../common/fields';
import { perItem } from '../common/operation';
import { getParameter } from '../common/parameters';
import { FIXED_ELEMENT_FIELDS, readOtherFields, withoutKeys } from '../landingPage/fields';
import { elementIdField, elementPath } from './fields';

const textField = (displayName: string, name: string, placeholder: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description,
});

const styleField = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: false,
	description,
});

const updateElementFields = collection(
	COLLECTIONS.updateFields,
	[
		textField('Background Color', 'backgroundColor', '#FFFFFF', 'CSS colour of the background'),
		styleField('Bold', 'bold', 'Whether the text is bold'),
		textField('Content', 'content', 'Welcome!', 'The text of the element'),
		textField('Font', 'font', 'Roboto', 'Font family'),
		textField('Foreground Color', 'foregroundColor', '#000000', 'CSS colour of the text'),
		styleField('Italic', 'italic', 'Whether the text is italic'),
		{
			displayName: 'Level',
			name: 'level',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: 6 },
			description: 'Heading level of a Title element (1 is the largest)',
		},
		textField('Margin', 'margin', '0px', 'CSS margin'),
		{
			displayName: 'Order',
			name: 'order',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			description: 'Position of the element on the page (0 first)',
		},
		{
			displayName: 'Other Fields (JSON)',
			name: 'otherFields',
			type: 'json',
			default: '{}',
			description: 'Further fields of the element as a JSON object (other element types have other fields)',
		},
		textField('Padding', 'padding', '16px', 'CSS padding'),
		{
			displayName: 'Text Alignment',
			name: 'textAlignment',
			type: 'options',
			default: 'Center',
			options: [
				{ name: 'Center', value: 'Center' },
				{ name: 'Justify', value: 'Justify' },
				{ name: 'Left', value: 'Left' },
				{ name: 'Right', value: 'Right' },
			],
		},
		styleField('Underline', 'underline', 'Whether the text is underlined'),
	],
	'Only these fields change; the element keeps its ID and type',
);

const fields = [landingPageIdField, elementIdField, updateElementFields];

export const { description, execute } = perItem('landingPageElement', 'update', fields, async function (itemIndex) {
	const path = elementPath(this, itemIndex);
	const { otherFields, ...changed } = getParameter(this, UPDATE_FIELDS, itemIndex);
	const changes = withoutKeys({ ...readOtherFields(this, itemIndex, otherFields), ...changed }, FIXED_ELEMENT_FIELDS);
	if (Object.keys(changes).length === 0) {
		throw nothingToChange(this, itemIndex, 'Add the fields to change (Content, colours, Other Fields (JSON)...).');
	}
	// PUT replaces the element's fields: start from the current element so the others stay.
	const current = normaliseElement(await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex }));
	const body = { ...current, ...changes };
	return normaliseElement(await ip1ApiRequest.call(this, { method: 'PUT', path, body, itemIndex }));
});
