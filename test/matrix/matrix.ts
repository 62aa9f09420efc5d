import { DEFAULT_VARIANTS, VARIANT_VALUES, type SandboxVariants } from '../../sandbox';
import type { SandboxCredentials } from '../harness/engine';
import { useSandbox, type SandboxFixture } from '../harness/sandbox';
import { startReceiver, type Receiver } from '../sandbox/helpers';
import { CORE_FLOWS, seedContacts, type CaseState, type MatrixContext } from './flows';

export type MatrixCase = [name: string, variants: Partial<SandboxVariants>];

/** The switches of the shared contract (the sandbox adds more: EXTRA_SWITCHES). */
export const CONTRACT_SWITCHES: Array<keyof SandboxVariants> = [
	'sendResponse', 'sendStatus', 'responseEnums', 'requestEnums', 'linkHeader', 'pageSizeCap', 'overCap', 'errorBody',
	'templatingDefault', 'senderRegistration', 'gsmFittingText', 'settingsBody', 'settingsPut', 'timestamps',
	'deleteResponse', 'accountCasing', 'dlrIdKey',
];

export const EXTRA_SWITCHES = (Object.keys(VARIANT_VALUES) as Array<keyof SandboxVariants>).filter((name) => !CONTRACT_SWITCHES.includes(name));

/** Each non-default value of each switch alone (the others at default), plus the all-defaults case when asked. */
export function singleSwitchCases(names: Array<keyof SandboxVariants>, withDefaults: boolean): MatrixCase[] {
	const cases: MatrixCase[] = withDefaults ? [['defaults', {}]] : [];
	for (const name of names) {
		for (const value of VARIANT_VALUES[name].slice(1)) cases.push([`${name}=${String(value)}`, { [name]: value }]);
	}
	return cases;
}

export interface MatrixFile {
	fixture: SandboxFixture;
	context(): MatrixContext;
	/** Readings for a case: the defaults, then the case's switches (setVariants between cases, no restart). */
	use(variants: Partial<SandboxVariants>): CaseState;
}

/** One sandbox and one webhook receiver per file; 1,203 contacts seeded once in their own account. */
export function matrixFile(): MatrixFile {
	const fixture = useSandbox();
	let receiver: Receiver | undefined;
	let contacts: SandboxCredentials | undefined;
	beforeAll(async () => {
		receiver = await startReceiver();
		contacts = fixture.newAccount();
		await seedContacts(fixture.sandbox, contacts);
	});
	afterAll(async () => await receiver?.close());
	const context = (): MatrixContext => {
		if (!receiver || !contacts) throw new Error('The matrix file is not set up: use it inside tests');
		return { sandbox: fixture.sandbox, receiver, contacts };
	};
	return {
		fixture,
		context,
		use(variants) {
			fixture.sandbox.control.setVariants({ ...DEFAULT_VARIANTS, ...variants });
			context().receiver.received.length = 0;
			return { credentials: fixture.newAccount() };
		},
	};
}

/** Every core flow under each case, in order (later flows read what the sends created). */
export function runCoreFlows(file: MatrixFile, cases: MatrixCase[]): void {
	describe.each(cases)('%s', (_name, variants) => {
		let state: CaseState | undefined;
		beforeAll(() => {
			state = file.use(variants);
		});

		test.each(CORE_FLOWS)('%s', async (_flow, flow) => {
			if (!state) throw new Error('The case was not set up');
			await flow(file.context(), state);
		});
	});
}
