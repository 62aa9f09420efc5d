import { VARIANT_VALUES } from '../../sandbox';
import { refusedSend, sendPerItem } from './flows';
import { matrixFile, runCoreFlows, type MatrixCase } from './matrix';

// Several readings at once, as a real API that reads the documentation differently everywhere would
// be; and the API's refusal words under every error body shape.

const HOSTILE: MatrixCase[] = [
	[
		'strings only, id-only answer, older links, cap 100 clamped, text errors, zoneless times, default required, PascalCase settings, no-content deletes, camelCase accounts',
		{
			requestEnums: 'strings',
			sendResponse: 'idOnly',
			linkHeader: 'noSemicolon',
			pageSizeCap: 100,
			overCap: 'clamp',
			errorBody: 'text',
			timestamps: 'zoneless',
			templatingDefault: 'required',
			settingsBody: 'pascalArray',
			settingsPut: 'bareString',
			deleteResponse: 'noContent',
			accountCasing: 'camel',
		},
	],
	['issue 9 case 1: the page size capped at 500 without a word, and no Link header', { pageSizeCap: 500, overCap: 'clamp', linkHeader: 'none' }],
	[
		'integers only, empty 202 answer, relative links, HTML errors, +01:00 times, [{key,value}] settings, deletes answer the document, older DLR key, elapsed durations, capitalised type',
		{
			requestEnums: 'integers',
			responseEnums: 'uppercase',
			sendResponse: 'empty',
			sendStatus: 202,
			linkHeader: 'relative',
			errorBody: 'html',
			timestamps: 'offset',
			settingsBody: 'array',
			settingsPut: 'valueObject',
			deleteResponse: 'body',
			dlrIdKey: 'messageId',
			statusDuration: 'elapsedSeconds',
			accountType: 'capitalised',
		},
	],
	[
		'strings only with 422 validation and an errors array, batch answer with 200, requested datacoding, senders enforced, minor lists unpaged, blacklist PUT with a body',
		{
			requestEnums: 'strings',
			validationStatus: 422,
			errorBody: 'errorsArray',
			sendResponse: 'batch',
			sendStatus: 200,
			gsmFittingText: 'requested',
			senderRegistration: 'request',
			pagedLists: 'core',
			blacklistPutBody: 'required',
			importResponse: 'empty',
			responseEnums: 'integers',
		},
	],
	[
		'batch with messages, lower-case enums, cap 100 clamped with relative links, nested errors, milliseconds',
		{ sendResponse: 'batchWithMessages', responseEnums: 'lowercase', pageSizeCap: 100, overCap: 'clamp', linkHeader: 'relative', errorBody: 'nestedError', timestamps: 'milliseconds' },
	],
];

const file = matrixFile();
runCoreFlows(file, HOSTILE);

describe.each(VARIANT_VALUES.errorBody.map((shape) => [shape]))('error body %s, strings-only enums, unregistered senders refused', (shape) => {
	test.each([400, 422] as const)('validation status %d: a send still works, and the refusal carries the API\'s reason', async (status) => {
		const state = file.use({ errorBody: shape, validationStatus: status, requestEnums: 'strings', senderRegistration: 'request' });
		await sendPerItem(file.context(), state);
		await refusedSend(file.context(), state);
	});
});
