import { findLlmError, LlmHttpError, LlmNetworkError } from '../../../lib/llm/errors';

describe('findLlmError', () => {
	const http = new LlmHttpError('The LLM endpoint answered 401: Incorrect API key', {
		statusCode: 401,
		message: 'Incorrect API key',
		attempts: 1,
	});

	it('returns the error itself when it is an LlmError', () => {
		expect(findLlmError(http)).toBe(http);
	});

	it('finds the LlmError lib wrapped as cause, however deep', () => {
		const wrapped = new Error('outer', { cause: new Error('middle', { cause: http }) });
		expect(findLlmError(wrapped)).toBe(http);
	});

	it('returns undefined when no model call is at fault, and stops on a cause cycle', () => {
		const a = new Error('a');
		const b = new Error('b', { cause: a });
		(a as { cause?: unknown }).cause = b;
		expect(findLlmError(a)).toBeUndefined();
		expect(findLlmError(new Error('plain'))).toBeUndefined();
		expect(findLlmError('a string')).toBeUndefined();
		expect(findLlmError(undefined)).toBeUndefined();
	});

	it('keeps the provider message on an HTTP error and finds network errors too', () => {
		expect(http.providerMessage).toBe('Incorrect API key');
		const network = new LlmNetworkError('connect ECONNREFUSED', 3);
		expect(findLlmError(new Error('x', { cause: network }))).toBe(network);
	});
});
