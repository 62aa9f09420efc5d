/**
 * The page behind the optional answer link. Opening it (GET) changes nothing — link previews and
 * scanners open links too — only its form, posted back to the same signed URL, answers.
 */
function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE =
	'body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#222}' +
	'button{font-size:1.1rem;padding:.6rem 1.4rem;margin:.3rem;border-radius:.4rem;border:1px solid #888;cursor:pointer}' +
	'textarea{width:100%;font-size:1rem}';

function page(title: string, inner: string): string {
	return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${inner}</body></html>`;
}

export function answerFormPage(question: string, responseType: 'approval' | 'freeText'): string {
	const asked = `<p>${escapeHtml(question).replace(/\n/g, '<br>')}</p>`;
	const controls =
		responseType === 'approval'
			? '<button name="answer" value="yes" type="submit">Yes / Ja</button><button name="answer" value="no" type="submit">No / Nej</button>'
			: '<textarea name="text" rows="4" required></textarea><br><button type="submit">Send / Skicka</button>';
	return page('Your answer', `${asked}<form method="post">${controls}</form>`);
}

export const ANSWER_RECORDED_PAGE = page('Thank you', '<h2>Thank you! / Tack!</h2><p>Your answer has been recorded. You can close this page.</p>');
