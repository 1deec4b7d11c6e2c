// @ts-check
// A local SMTP server on 127.0.0.1 (RFC 5321: greeting, EHLO/HELO, MAIL FROM, RCPT TO, DATA with
// dot-unstuffing, RSET, NOOP, QUIT), strict about command order, that keeps every message it
// accepts and parses it with mailparser (the parser n8n's own mail nodes depend on). Plain
// CommonJS: the strict lint keeps Node built-ins out of .ts files.
'use strict';

const net = require('node:net');
const { simpleParser } = require('mailparser');

/**
 * @typedef {{ from: string, to: string[], raw: string }} Envelope
 * @typedef {{ from: string, to: string[], raw: string, subject: string, text: string, html: string, headers: Record<string, unknown> }} ReceivedMail
 */

/** @returns {Promise<{ port: number, host: string, messages: () => Promise<ReceivedMail[]>, close: () => Promise<void> }>} */
async function startSmtpServer() {
	/** @type {Envelope[]} */
	const received = [];
	const server = net.createServer((socket) => {
		socket.setEncoding('utf8');
		/** @type {'greeted' | 'ready' | 'mail' | 'rcpt' | 'data'} */
		let state = 'greeted';
		let buffer = '';
		/** @type {{ from: string, to: string[], lines: string[] }} */
		let current = { from: '', to: [], lines: [] };
		const reply = (/** @type {string} */ line) => socket.write(`${line}\r\n`);
		reply('220 127.0.0.1 ESMTP test server');
		socket.on('data', (chunk) => {
			buffer += chunk;
			let at;
			while ((at = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, at);
				buffer = buffer.slice(at + 2);
				if (state === 'data') {
					if (line === '.') {
						received.push({ from: current.from, to: current.to, raw: current.lines.join('\r\n') + '\r\n' });
						current = { from: '', to: [], lines: [] };
						state = 'ready';
						reply('250 2.0.0 OK queued');
					} else {
						current.lines.push(line.startsWith('..') ? line.slice(1) : line);
					}
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				const arg = line.slice(4).trim();
				if (verb === 'EHLO') {
					state = 'ready';
					socket.write('250-127.0.0.1\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
				} else if (verb === 'HELO') {
					state = 'ready';
					reply('250 127.0.0.1');
				} else if (verb === 'MAIL') {
					const m = /^FROM:\s*<([^>]*)>/i.exec(arg);
					if (state !== 'ready') reply('503 5.5.1 EHLO first');
					else if (!m) reply('501 5.5.4 Syntax: MAIL FROM:<address>');
					else {
						current = { from: m[1], to: [], lines: [] };
						state = 'mail';
						reply('250 2.1.0 OK');
					}
				} else if (verb === 'RCPT') {
					const m = /^TO:\s*<([^>]+)>/i.exec(arg);
					if (state !== 'mail' && state !== 'rcpt') reply('503 5.5.1 MAIL first');
					else if (!m) reply('501 5.5.4 Syntax: RCPT TO:<address>');
					else {
						current.to.push(m[1]);
						state = 'rcpt';
						reply('250 2.1.5 OK');
					}
				} else if (verb === 'DATA') {
					if (state !== 'rcpt') reply('503 5.5.1 RCPT first');
					else {
						state = 'data';
						reply('354 End data with <CR><LF>.<CR><LF>');
					}
				} else if (verb === 'RSET') {
					current = { from: '', to: [], lines: [] };
					state = 'ready';
					reply('250 2.0.0 OK');
				} else if (verb === 'NOOP') {
					reply('250 2.0.0 OK');
				} else if (verb === 'QUIT') {
					reply('221 2.0.0 Bye');
					socket.end();
				} else {
					reply('500 5.5.2 Command not recognized');
				}
			}
		});
		socket.on('error', () => socket.destroy());
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('SMTP server has no port');
	return {
		host: '127.0.0.1',
		port: address.port,
		async messages() {
			return await Promise.all(
				received.map(async (m) => {
					const parsed = await simpleParser(m.raw);
					return {
						from: m.from,
						to: m.to,
						raw: m.raw,
						subject: parsed.subject ?? '',
						text: parsed.text ?? '',
						html: typeof parsed.html === 'string' ? parsed.html : '',
						headers: Object.fromEntries(parsed.headers),
					};
				}),
			);
		},
		close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

module.exports = { startSmtpServer };
