import type { RequestedEncoding } from '../1-read/settings';
import { fitsGsm, type Encoding } from '../gsm';

/**
 * The datacoding a request is sent with. Never left to the API: its default (`ucs`) may send and
 * bill a GSM text as UCS-2. Auto is GSM only when every text of the request (the substituted text
 * of every recipient, in personalised mode) fits GSM-7.
 */
export function chooseDatacoding(requested: RequestedEncoding, texts: string[]): Encoding {
	if (requested !== 'auto') return requested;
	return texts.every(fitsGsm) ? 'gsm' : 'ucs';
}
