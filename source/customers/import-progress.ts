import {visible} from '../text/visible.js';

const everyMs = 250;

/**
 * One line on the terminal, redrawn in place while a long import runs: rows so far, rows
 * a second, how much of the file is read and when it should be done. Only for a terminal:
 * a log file or a pipe gets the summary line alone.
 */
export class ImportProgress {
	private readonly started = performance.now();
	private drawnAt = 0;
	private rows = 0;
	private shown = false;

	constructor(private readonly stream: NodeJS.WriteStream, private readonly label: string, private readonly totalBytes: number | undefined) {}

	/** `bytesPerRow`: the file's bytes per row so far (0 while unknown), to estimate how many rows it holds. */
	update(rows: number, bytesPerRow: number): void {
		this.rows = rows;
		const now = performance.now();
		if (now - this.drawnAt < everyMs) return;
		this.drawnAt = now;
		const seconds = (now - this.started) / 1000;
		const parts = [`${rows.toLocaleString('en')} rows`];
		if (seconds > 0.5) parts.push(`${Math.round(rows / seconds).toLocaleString('en')} rows/s`);
		if (this.totalBytes && bytesPerRow > 0) {
			const share = Math.min(1, rows / (this.totalBytes / bytesPerRow));
			parts.push(`${Math.floor(share * 100)}%`);
			if (seconds > 1 && share > 0.02) parts.push(`ETA ${formatSeconds((seconds / share) * (1 - share))}`);
		}
		this.draw(parts.join(' · '));
	}

	phase(text: string): void {
		this.draw(`${this.rows.toLocaleString('en')} rows read; ${text}…`);
	}

	clear(): void {
		if (this.shown) this.stream.write('\r\u001B[2K');
		this.shown = false;
	}

	private draw(text: string): void {
		this.shown = true;
		const line = `importing ${visible(this.label)}: ${text}`;
		// A terminal that reports no width (some ptys) gets 80 columns.
		const width = this.stream.columns > 20 ? this.stream.columns : 80;
		this.stream.write(`\r\u001B[2K${line.length >= width ? `${line.slice(0, width - 2)}…` : line}`);
	}
}

function formatSeconds(seconds: number): string {
	if (seconds < 60) return `${Math.ceil(seconds)} s`;
	return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}
