/** What the compose steps share: the item's clock, its input-error factory, the requested encoding. */

/** When the items are read: the workflow's time zone (for zone-less times) and one "now" for all. */
export interface Clock {
	timeZone: string;
	now: number;
}

/** An input error of this item: field, broken rule, offending value, fix. */
export type Problem = (field: string, rule: string, value: unknown, fix: string) => Error;

export type RequestedEncoding = 'auto' | 'gsm' | 'ucs';
