import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import { applyQuietHours, type AppliedQuietHours } from '../1-read/quietHours';
import type { Problem } from '../1-read/settings';
import { SEND_OPTIONS } from '../fields';

/**
 * Options → Quiet Hours of Send and Wait for Response: the Send operation's own field and rules
 * (1-read/quietHours.ts), for the question. Asked during quiet hours, the question waits at iP.1
 * until they end (delivery windows over the next 7 days); the time limit counts from then.
 */
export function questionQuietHours(context: IExecuteFunctions, options: IDataObject, now: number): AppliedQuietHours | undefined {
	const node = context.getNode();
	const problem: Problem = (field, rule, value, fix) => inputError(node, 0, { field, rule, value, fix });
	return applyQuietHours(options[SEND_OPTIONS.quietHours.name], [], { timeZone: context.getTimezone(), now }, problem);
}

/** What the outputs say about them (as Send's outputs do). */
export function quietHoursFacts(quiet: AppliedQuietHours | undefined): IDataObject {
	if (!quiet) return {};
	return { quietHours: `${quiet.from}–${quiet.until} ${quiet.timeZone}`, nextSendingAt: quiet.nextSendingAt };
}
