// @ts-check
/** The workflow templates shipped in `templates/`, by file name. */
const fs = require('node:fs');
const path = require('node:path');

const DIR = path.resolve(__dirname, '..', '..', 'templates');

/** @returns {string[]} file names such as `quickstart.json`, sorted */
function templateFiles() {
	return fs
		.readdirSync(DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

module.exports = { templateFiles };
