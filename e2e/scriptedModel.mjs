// A scripted OpenAI-compatible chat-completions server for the AI-agent end-to-end test: n8n's
// OpenAI Chat Model node (credential Base URL = this server) asks it, and it answers from a script
// instead of a model. Listens on 127.0.0.1 only; stops by itself after `idleMs` without a request
// (and on close()).
//
// A script is picked by a tag in the conversation's first user message ("[script:send]"); its step is
// the number of assistant turns already in the conversation. A step is a tool call
// `{ tool: 'Send_SMS', arguments: {...} }` or a final answer `{ say: '...' }`. A tool gated by a
// human-review tool has the schema { toolParameters, hitlParameters }: the arguments are wrapped.
import { createServer } from 'node:http';

function scriptOf(messages, scripts) {
	const first = messages.find((m) => m.role === 'user');
	const text = typeof first?.content === 'string' ? first.content : JSON.stringify(first?.content ?? '');
	const tag = /\[script:([\w-]+)\]/.exec(text)?.[1];
	return { tag, script: scripts[tag] };
}

function toolArguments(step, tools) {
	const schema = tools.find((t) => t.function?.name === step.tool)?.function?.parameters;
	const gated = Boolean(schema?.properties?.toolParameters);
	return JSON.stringify(gated ? { toolParameters: step.arguments, hitlParameters: {} } : step.arguments);
}

function assistantMessage(step, tools, callId) {
	if (step.say !== undefined) return { message: { role: 'assistant', content: step.say }, finish: 'stop' };
	const call = { id: callId, type: 'function', function: { name: step.tool, arguments: toolArguments(step, tools) } };
	return { message: { role: 'assistant', content: null, tool_calls: [call] }, finish: 'tool_calls' };
}

/** One answer as a JSON body, or as server-sent events when the client asked to stream. */
function answer(res, body, { message, finish }) {
	const base = { id: `chatcmpl-${Date.now()}`, created: Math.floor(Date.now() / 1000), model: body.model ?? 'scripted' };
	const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
	if (!body.stream) {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage }));
		return;
	}
	res.writeHead(200, { 'content-type': 'text/event-stream' });
	const chunk = (delta, finishReason = null) =>
		res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`);
	const calls = message.tool_calls?.map((call, index) => ({ index, ...call }));
	chunk(calls ? { role: 'assistant', content: null, tool_calls: calls } : { role: 'assistant', content: message.content });
	chunk({}, finish);
	res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`);
	res.end('data: [DONE]\n\n');
}

/**
 * Starts the server. `scripts`: { tag: [step, ...] }. Resolves { url (the base URL, …/v1), requests
 * (every chat request: { tag, step, body }), close() }.
 */
export async function startScriptedModel(scripts, { idleMs = 300_000 } = {}) {
	const requests = [];
	let calls = 0;
	let idle;
	const server = createServer((req, res) => {
		resetIdle();
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
				return;
			}
			const body = JSON.parse(raw || '{}');
			const messages = body.messages ?? [];
			const { tag, script } = scriptOf(messages, scripts);
			const step = messages.filter((m) => m.role === 'assistant').length;
			requests.push({ tag, step, body });
			const next = script?.[step];
			if (!next) {
				res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no step ${step} in script "${tag}"` } }));
				return;
			}
			answer(res, body, assistantMessage(next, body.tools ?? [], `call_${tag}_${++calls}`));
		});
	});
	const close = () => new Promise((resolve) => {
		clearTimeout(idle);
		server.closeAllConnections?.();
		server.close(() => resolve());
	});
	function resetIdle() {
		clearTimeout(idle);
		idle = setTimeout(() => void close(), idleMs);
		idle.unref();
	}
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	resetIdle();
	return { url: `http://127.0.0.1:${server.address().port}/v1`, requests, close };
}

/** The tool messages (results) a request carried, as text. */
export function toolResults(request) {
	return (request.body.messages ?? []).filter((m) => m.role === 'tool').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
}
