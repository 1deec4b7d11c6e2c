// @ts-check
// Prints one workflow's executions from an n8n SQLite database as JSON: [{ id, status, data }],
// `data` the run data (parsed from n8n's flatted format) or null. Run with the Node.js and the
// node_modules of the n8n install that wrote the database (its sqlite3 is built for that Node.js):
//   node read-executions.js <n8n home> <database file> <workflow id>
'use strict';

const path = require('node:path');

const [home, file, workflowId] = process.argv.slice(2);
const sqlite3 = require(path.join(home, 'node_modules', 'sqlite3'));
const { parse } = require(path.join(home, 'node_modules', 'flatted'));

const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
db.all(
	'SELECT e.id AS id, e.status AS status, d.data AS data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id',
	[workflowId],
	(/** @type {Error | null} */ error, /** @type {any[]} */ rows) => {
		db.close();
		if (error) {
			console.error(error.message);
			process.exit(1);
		}
		const out = rows.map((r) => ({ id: String(r.id), status: r.status, data: r.data ? parse(r.data) : null }));
		process.stdout.write(JSON.stringify(out));
	},
);
