// @ts-check
/**
 * Real servers from the operating system's packages (Debian's postgresql and redis-server, installed
 * by scripts/install-system-deps.sh), started for a test or a benchmark on 127.0.0.1 with a free
 * port and a throwaway data folder, and stopped afterwards. Nothing here touches a server the machine
 * may already run.
 *
 *   const pg = await startPostgres();   // { host, port, user, password, database, stop() }
 *   const redis = await startRedis();   // { host, port, stop() }
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

/** A free loopback port. */
async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(address.port));
		});
	});
}

/** Waits until a TCP port on 127.0.0.1 accepts connections. */
async function waitForPort(/** @type {number} */ port, /** @type {number} */ timeoutMs, /** @type {() => string} */ explain) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const open = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms\n${explain()}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The folder of PostgreSQL's server programs (Debian keeps them out of PATH). */
function postgresBinDir() {
	const fromEnv = process.env.JOURNEY_ADS_PG_BIN;
	if (fromEnv) return fromEnv;
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length) return path.join(root, versions[0], 'bin');
	try {
		return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error('PostgreSQL server programs not found: run `bash scripts/install-system-deps.sh` (Debian package postgresql)');
	}
}

/**
 * PostgreSQL refuses to run as root; as root the server runs as the `postgres` account that
 * Debian's package creates.
 * @returns {{ uid?: number, gid?: number }}
 */
function postgresAccount() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return { uid, gid };
}

/**
 * Starts a throwaway PostgreSQL: initdb into a temporary folder, password authentication on
 * 127.0.0.1 only, no unix socket in a shared folder, fsync off (the data is thrown away).
 * @param {{ database?: string, settings?: Record<string, string> }} [options]
 */
async function startPostgres(options = {}) {
	const bin = postgresBinDir();
	const account = postgresAccount();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-ads-pg-'));
	const data = path.join(dir, 'data');
	const pwfile = path.join(dir, 'pw');
	const user = 'journey_ads';
	const password = 'journey-ads-test';
	fs.writeFileSync(pwfile, password);
	if (account.uid !== undefined) {
		fs.chownSync(dir, account.uid, /** @type {number} */ (account.gid));
		fs.chownSync(pwfile, account.uid, /** @type {number} */ (account.gid));
	}
	execFileSync(
		path.join(bin, 'initdb'),
		['-D', data, '-U', user, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync'],
		{ stdio: ['ignore', 'ignore', 'pipe'], ...account },
	);
	const port = await freePort();
	const settings = {
		listen_addresses: '127.0.0.1',
		port: String(port),
		unix_socket_directories: dir,
		fsync: 'off',
		synchronous_commit: 'off',
		full_page_writes: 'off',
		...options.settings,
	};
	const args = ['-D', data, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
	const logFile = path.join(dir, 'server.log');
	const out = fs.openSync(logFile, 'a');
	if (account.uid !== undefined) fs.fchownSync(out, account.uid, /** @type {number} */ (account.gid));
	const child = spawn(path.join(bin, 'postgres'), args, { stdio: ['ignore', out, out], ...account });
	fs.closeSync(out);
	const explain = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '');
	await waitForPort(port, 30_000, explain);
	const database = options.database ?? 'postgres';
	if (database !== 'postgres') {
		execFileSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database], {
			env: { ...process.env, PGPASSWORD: password },
			stdio: ['ignore', 'ignore', 'pipe'],
		});
	}
	return {
		host: '127.0.0.1',
		port,
		user,
		password,
		database,
		bin,
		log: explain,
		/** Stops the server (fast shutdown) and removes its folder. */
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGINT');
				await exited;
			}
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Starts a throwaway Redis on 127.0.0.1: no persistence, no protected-mode surprises. */
async function startRedis() {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-ads-redis-'));
	const logFile = path.join(dir, 'redis.log');
	const child = spawn(
		'redis-server',
		['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', logFile],
		{ stdio: 'ignore' },
	);
	const spawnError = new Promise((_, reject) =>
		child.once('error', (e) => reject(new Error(`redis-server did not start (${e.message}): run \`bash scripts/install-system-deps.sh\``))),
	);
	await Promise.race([waitForPort(port, 15_000, () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '')), spawnError]);
	return {
		host: '127.0.0.1',
		port,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startPostgres, startRedis, freePort, postgresBinDir };
