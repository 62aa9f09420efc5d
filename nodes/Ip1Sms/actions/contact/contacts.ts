import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { camelCaseKeys, utcTimestamps } from '../../../shared/dialect/documents';
import { inputError } from '../../../shared/errors/inputErrors';
import { toE164 } from '../../../shared/phoneNumbers';
import { isPlainObject } from '../../../shared/values';
import { ADDITIONAL_FIELDS, readDefaultCountryCode } from '../common/fields';
import { checkedMsisdn, idReader, matching, REQUIRED, type IdRule } from '../common/ids';
import { getParameter, listEntries } from '../common/parameters';
import { contactIdField, PHONE_NUMBER } from './fields';

/** The conventional property keys the node offers as fields of their own. */
const STANDARD_PROPERTIES: Record<string, string> = {
	phoneNumber: 'Phone Number',
	email: 'Email',
	firstName: 'First Name',
	lastName: 'Last Name',
};

/** Contact fields as the node's parameters hold them: the STANDARD_PROPERTIES, labels, custom properties. */
export interface ContactFields extends IDataObject {
	labels?: string | string[];
	customProperties?: { property?: Array<{ name?: string; value?: unknown }> };
}

/** `full`: a whole contact (create, replace); `patch`: only the given fields (update), an empty one removed. */
type ContactWriteMode = 'full' | 'patch';

interface ContactWrite {
	properties: IDataObject;
	/** Undefined in patch mode when labels were not given: the contact keeps its labels. */
	labels?: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const CONTACT_ID_RULE: IdRule = {
	field: 'Contact ID',
	problem: matching(/^[^\s/?#]+$/, 'must be a contact ID without spaces or slashes', REQUIRED),
	fix: 'Map the "id" of a contact from a previous node (Contact → Create or Get Many), for example 606312a5d233ab8484e18404.',
};

export const readContactId = idReader(contactIdField, CONTACT_ID_RULE);

export function contactPath(id: string): string {
	return `/v2/contacts/${encodeURIComponent(id)}`;
}

/** A whole contact as Create and Replace send it, refused without any property (`empty`: that error's rule and fix). */
export function readWholeContact(
	context: IExecuteFunctions,
	itemIndex: number,
	empty: { rule: string; fix: string },
): { properties: IDataObject; labels: string[] } {
	const phoneNumber = getParameter(context, PHONE_NUMBER, itemIndex);
	const fields = { phoneNumber, ...getParameter(context, ADDITIONAL_FIELDS, itemIndex) };
	const write = buildContactWrite(context, itemIndex, fields, 'full');
	if (Object.keys(write.properties).length === 0) {
		throw inputError(context.getNode(), itemIndex, { field: 'Phone Number', ...empty });
	}
	return { properties: write.properties, labels: write.labels ?? [] };
}

/** The contact's `properties` (and `labels`) from its fields, phone numbers read by the item's Default Country Code. */
export function buildContactWrite(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: ContactFields,
	mode: ContactWriteMode,
): ContactWrite {
	const node = context.getNode();
	const defaultCountryCode = readDefaultCountryCode(context, itemIndex);
	const properties: IDataObject = {};
	for (const key of Object.keys(STANDARD_PROPERTIES)) {
		if (!(key in fields) || leftBlank(properties, key, fields[key], mode)) continue;
		properties[key] = standardValue(node, itemIndex, key, String(fields[key]).trim(), defaultCountryCode);
	}
	for (const { name: raw, value } of fields.customProperties?.property ?? []) {
		const name = customPropertyName(node, itemIndex, raw, properties);
		if (leftBlank(properties, name, value, mode)) continue;
		properties[name] = typeof value === 'string' ? value.trim() : (value as IDataObject[string]);
	}
	const write: ContactWrite = { properties };
	if (mode === 'full' || 'labels' in fields) write.labels = listEntries(fields.labels);
	return write;
}

/** Whether the value is blank: then it is left out (full), or sent as null to remove the property (patch). */
function leftBlank(properties: IDataObject, key: string, value: unknown, mode: ContactWriteMode): boolean {
	const blank = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
	if (blank && mode === 'patch') properties[key] = null;
	return blank;
}

/** Phone numbers as contacts store them (E.164 with `+`); emails checked. */
function standardValue(node: INode, itemIndex: number, key: string, text: string, defaultCountryCode: string): string {
	if (key === 'phoneNumber') {
		const msisdn = checkedMsisdn(node, itemIndex, text, defaultCountryCode, {
			field: 'Phone Number',
			fix: 'Write the number with its country code (+46701234567 or 0046701234567), or set Options → Default Country Code for national numbers (070 123 45 67 with 46, (212) 555-0199 with 1).',
		});
		return toE164(msisdn);
	}
	if (key === 'email' && !EMAIL.test(text)) {
		throw inputError(node, itemIndex, {
			field: 'Email',
			rule: 'is not an email address',
			value: text,
			fix: 'Map an address such as name@example.com, or leave the field out.',
		});
	}
	return text;
}

/** A custom property's name: given, not one of the standard fields, and not given twice. */
function customPropertyName(node: INode, itemIndex: number, raw: unknown, properties: IDataObject): string {
	const name = String(raw ?? '').trim();
	const problem = (rule: string, fix: string, value?: string) =>
		inputError(node, itemIndex, { field: 'Custom Properties → Name', rule, value, fix });
	if (name === '') {
		throw problem('is required', 'Give every custom property a name, such as department, or remove the empty row.');
	}
	if (name in STANDARD_PROPERTIES) {
		const fix = `Use the "${STANDARD_PROPERTIES[name]}" field instead of a custom property.`;
		throw problem(`may not be ${name}, which has a field of its own`, fix, name);
	}
	if (name in properties) throw problem('is given twice', 'Keep one row per property name.', name);
	return name;
}

/** A contact for output: top-level keys in camelCase whatever the API sent, property keys kept, `labels` an array. */
export function normaliseContact(raw: unknown, includeMetadata: boolean): IDataObject {
	const contact = utcTimestamps(camelCaseKeys(isPlainObject(raw) ? raw : {}));
	if (contact.id === undefined && contact.contactId !== undefined) contact.id = contact.contactId;
	contact.properties = isPlainObject(contact.properties) ? contact.properties : {};
	contact.labels = Array.isArray(contact.labels) ? contact.labels : [];
	if (!includeMetadata) delete contact.metadata;
	return contact;
}
