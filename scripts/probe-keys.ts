// `node --import tsx scripts/probe-keys.ts`: presses every key name on a private Xvfb through
// the nut driver's keyboard and writes the names that arrived to source/robot/pressable-keys.ts,
// the list `robot check` accepts. test/e2e/robot-keys.test.ts runs the same probe and fails
// when the list is out of date.
import fs from 'node:fs';
import {RemoteNutDriver} from '../source/robot/desktop-process.js';
import {startVirtualDisplay} from '../source/robot/virtual-display.js';

export async function probePressableKeys(): Promise<string[]> {
	const display = await startVirtualDisplay({width: 320, height: 240});
	try {
		const driver = await RemoteNutDriver.start({...process.env, DISPLAY: display.display});
		try {
			return await driver.probeKeys();
		} finally {
			await driver.close();
		}
	} finally {
		await display.stop();
	}
}

export function pressableKeysSource(names: readonly string[]): string {
	const lines: string[] = [];
	for (let index = 0; index < names.length; index += 10) lines.push(`\t${names.slice(index, index + 10).map(name => `'${name}'`).join(', ')},`);
	return `// Written by scripts/probe-keys.ts from a probe on Xvfb: the key names the nut driver's keyboard\n// delivered. Do not edit by hand; run the probe again.\nexport const pressableKeys: readonly string[] = [\n${lines.join('\n')}\n];\n`;
}

if (process.argv[1]?.endsWith('probe-keys.ts')) {
	const names = await probePressableKeys();
	fs.writeFileSync('source/robot/pressable-keys.ts', pressableKeysSource(names));
	console.log(`${names.length} pressable key names written to source/robot/pressable-keys.ts`);
}
