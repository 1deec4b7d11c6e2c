/** n8n's own PostgreSQL driver (installed with n8n-nodes-base), for tests that set up tables. */
const { Client } = require('pg');

/**
 * A connected client. The server's port opens before it accepts sessions ("the database system is
 * starting up"), so connecting is retried for up to 30 s.
 */
async function connectWhenReady(/** @type {{host: string, port: number, user: string, password: string, database: string}} */ config) {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const client = new Client(config);
		try {
			await client.connect();
			await client.query('SELECT 1');
			return client;
		} catch (error) {
			await client.end().catch(() => undefined);
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

module.exports = { Client, connectWhenReady };
