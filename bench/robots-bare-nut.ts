// The baseline for the runner's overhead: the same nut-js calls in a bare loop, in a process of
// its own (nut-js loads only where a crash is acceptable). Prints {perCallMs} as JSON.
import {mouse} from '@nut-tree-fork/nut-js';

const count = Number(process.argv[2] ?? 200);
mouse.config.autoDelayMs = 10;
await mouse.setPosition({x: 1, y: 1});
const started = performance.now();
for (let index = 0; index < count; index++) await mouse.setPosition({x: 10 + (index % 500), y: 10 + (index % 300)});
console.log(JSON.stringify({perCallMs: (performance.now() - started) / count}));
