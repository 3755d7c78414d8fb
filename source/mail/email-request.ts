import os from 'node:os';
import {randomBytes} from 'node:crypto';

/** An email step with its placeholders filled and its attachments found. */
export type EmailRequest = {
	to: string[];
	cc: string[];
	from?: string;
	subject: string;
	body: string;
	attachments: Array<{filename: string; path: string}>;
};

/** Which run of which step: a step inside a repeat sends once per pass. */
export type EmailPlace = {step: number; pass: string};

/** What a sent email does to the database, committed with the step that sent it. */
export type EmailEffect = {effect: 'email'; messageId: string; to: string[]; cc: string[]; subject: string; body: string; reply: string};

/** Sends one email step's message; resolves to the step's log line and its effect. */
export type Mailer = (email: EmailRequest, place: EmailPlace, signal: AbortSignal) => Promise<{message: string; effect?: EmailEffect}>;

/** `a@x, b@y` in one filled text is two recipients. */
export function splitAddresses(texts: readonly string[]): string[] {
	return texts.flatMap(text => text.split(/[,;]/)).map(address => address.trim()).filter(Boolean);
}

/** Ours, unique, and naming the job and step, so a mail server's log leads back to them. */
export function newMessageId(from: string, label: string): string {
	const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? os.hostname();
	return `<opsdesk.${label}.${randomBytes(8).toString('hex')}@${domain}>`;
}

export function defaultSender(): string {
	return `opsdesk@${os.hostname()}`;
}
