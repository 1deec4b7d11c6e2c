export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
	subject: string;
	text: string;
	html: string;
	headers: Record<string, unknown>;
}

export interface SmtpServer {
	host: string;
	port: number;
	/** Every message accepted so far, parsed. */
	messages(): Promise<ReceivedMail[]>;
	close(): Promise<void>;
}

export function startSmtpServer(): Promise<SmtpServer>;
