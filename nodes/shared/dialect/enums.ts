import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../errors/apiErrors';
import { withNote } from '../errors/notes';
import { getConnection } from '../transport/context';
import { firstFormTaken } from './errorBody';

/*
 * §17.4 Enum encoding (README table). Answers are read in any form and case; requests go out in the form the API
 * takes, integers first. Only a 400/422 (nothing created) lets that request go once more in the other form, learnt
 * per credential; any other answer keeps the transport's retry rules: an unclear send is never repeated.
 */

/** Every form of each enum iP.1 may write, to our lowercase string. The integers are the ones we send. */
const ENUMS = {
	type: { '0': 'flash', '1': 'sms', sms: 'sms', flash: 'flash' },
	datacoding: { '0': 'gsm', '2': 'ucs', gsm: 'gsm', ucs: 'ucs', ucs2: 'ucs', unicode: 'ucs' },
	direction: { '0': 'mt', '1': 'mo', mt: 'mt', mo: 'mo' },
} satisfies Record<string, Record<string, string>>;

type EnumField = keyof typeof ENUMS;
export const ENUM_FIELDS = Object.keys(ENUMS) as EnumField[];

export function normaliseEnum(field: EnumField, value: unknown): unknown {
	if (typeof value !== 'string' && typeof value !== 'number') return value;
	const key = String(value).trim().toLowerCase();
	return (ENUMS[field] as Record<string, string>)[key] ?? key;
}

type EnumForm = 'integers' | 'strings';

/** The body with its enums (canonical lowercase strings) in the given form: `sms` → 1 as integers. */
function inForm(body: IDataObject, form: EnumForm): IDataObject {
	if (form === 'strings') return body;
	const wire = { ...body };
	for (const field of ENUM_FIELDS) {
		const integer = Object.entries(ENUMS[field]).find(([key, value]) => /^\d+$/.test(key) && value === body[field]);
		if (integer) wire[field] = Number(integer[0]);
	}
	return wire;
}

/** Per credential, the form the API is known to take. Lives as long as the n8n process. */
const workingForms = new Map<string, EnumForm>();
/** Per credential, the send finding the form out: concurrent sends wait for it instead of each being refused. */
const probes = new Map<string, Promise<unknown>>();

const BOTH_REFUSED_NOTE =
	'iP.1 refused this request both as integers and as strings (the two documented forms of "type" and "datacoding"); nothing was created.';

/** Sends the canonical `body` with `send(wireBody)`, its enums in the form that works for this credential. */
export async function sendInWorkingForm<T>(context: IExecuteFunctions, body: IDataObject, send: (wire: IDataObject) => Promise<T>): Promise<T> {
	const key = (await getConnection(context)).limiterKey;
	const known = workingForms.get(key);
	if (known) return await send(inForm(body, known));
	const probing = probes.get(key);
	if (probing) {
		await probing.catch(() => undefined);
		// Learnt by now, unless that send ended without telling (then this one finds out in turn).
		return await sendInWorkingForm(context, body, send);
	}
	const probe = findWorkingForm(context, key, async (form) => await send(inForm(body, form)));
	probes.set(key, probe);
	try {
		return await probe;
	} finally {
		if (probes.get(key) === probe) probes.delete(key);
	}
}

async function findWorkingForm<T>(context: IExecuteFunctions, key: string, send: (form: EnumForm) => Promise<T>): Promise<T> {
	const node = context.getNode();
	const taken = await firstFormTaken<EnumForm, T>(['integers', 'strings'], send);
	// The second request may have got an unclear answer (a 502, a dropped connection): that one counts.
	if ('failure' in taken) throw asNodeError(node, taken.failure);
	if ('form' in taken) {
		workingForms.set(key, taken.form);
		return taken.value;
	}
	const [first, second] = taken.refusals;
	const firstAboutForm = isAboutEnumForm(first);
	const secondAboutForm = isAboutEnumForm(second);
	// Only a complaint about one form and not the other tells which form the API reads.
	if (firstAboutForm && !secondAboutForm) workingForms.set(key, 'strings');
	if (!firstAboutForm && secondAboutForm) workingForms.set(key, 'integers');
	throw withNote(asNodeError(node, firstAboutForm && !secondAboutForm ? second : first), BOTH_REFUSED_NOTE);
}

/** Whether the API's words are about `type`/`datacoding`: a field path or name (`$.type`, `type: …`), an enum. */
const ENUM_COMPLAINTS = [
	/datacoding/i,
	/smstype/i,
	/\$\.type\b/i,
	/(?:^|[\s;,(])type\s*(?::|must|is not|should be)/im,
	/["'`]type["'`]/i,
	/\benum/i,
];

function isAboutEnumForm(error: NodeApiError): boolean {
	const text = [error.message, error.description ?? '', ...error.messages].join('\n');
	return ENUM_COMPLAINTS.some((pattern) => pattern.test(text));
}
