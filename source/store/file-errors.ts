/** One short phrase for a failed file operation, instead of a Node error with a stack. */
export function describeFileError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	switch (code) {
		case 'ENOENT':
			return 'no such file or folder';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'is a folder, not a file';
		case 'ENOSPC':
		case 'EDQUOT':
			return 'the disk is full';
		case 'EROFS':
			return 'the disk is read-only';
		case 'EEXIST':
			return 'already exists';
		case 'ENOTDIR':
			return 'a part of the path is a file, not a folder';
		default:
			return code ?? (error as Error).message;
	}
}
