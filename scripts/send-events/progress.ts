// A one-line progress bar on stderr (stdout keeps the final counts for scripts).

export function progressLine(done: number, total: number, accepted: number, rejected: number, width = 30): string {
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * width);
    return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.floor(share * 100)}% ${done}/${total} accepted ${accepted} rejected ${rejected}`;
}

export function drawProgress(line: string): void {
    if (process.stderr.isTTY) {
        process.stderr.write(`\r${line}`);
    }
}
