import { NodeOperationError, WAIT_INDEFINITELY, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/**
 * "Limit Wait Time", shaped as n8n's own Send and Wait option (`options.limitWaitTime.values` with
 * limitType / resumeAmount / resumeUnit / maxDateAndTime), so that workflows and the AI-agent
 * human-review tool read the same. Without it the execution waits indefinitely, as n8n's nodes do.
 */
export const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether to stop waiting after a while. The workflow then goes on with "timedOut": true (an output, not an error).',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					description: 'Whether the wait ends after an amount of time or at a date and time',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Stop waiting after an amount of time' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Stop waiting at a date and time' },
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'How many units of time to wait for the answer',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					description: 'The unit of the amount to wait',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'When to stop waiting and go on with the time-limit output',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export interface LimitRules {
	/** When the SMS can go out (Quiet Hours): an interval counts from then. Default: now. */
	startsAt?: number;
	/** The wait's end without a limit. Default: WAIT_INDEFINITELY. */
	withoutLimit?: Date;
}

/** When the wait ends by itself (WAIT_INDEFINITELY without a limit, by default). Refused before anything is sent. */
export function waitTillOf(context: IExecuteFunctions, now: number, rules: LimitRules = {}): Date {
	const limit = context.getNodeParameter('options.limitWaitTime.values', 0, {}) as IDataObject;
	if (Object.keys(limit).length === 0) return rules.withoutLimit ?? WAIT_INDEFINITELY;
	let waitTill: Date;
	if (limit.limitType === 'atSpecifiedTime') {
		waitTill = new Date(String(limit.maxDateAndTime ?? ''));
	} else {
		const amount = Number(limit.resumeAmount ?? 1);
		const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')] ?? UNIT_MS.hours;
		waitTill = new Date((rules.startsAt ?? now) + amount * unit);
	}
	if (Number.isNaN(waitTill.getTime()) || waitTill.getTime() <= (rules.startsAt ?? now)) {
		throw new NodeOperationError(context.getNode(), 'Item 0: "Limit Wait Time" must end in the future', {
			itemIndex: 0,
			description:
				'Give a positive amount of time, or a date and time that has not passed yet (and, with Quiet Hours, that comes after they end). Nothing was sent.',
		});
	}
	return waitTill;
}
