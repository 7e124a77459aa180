// A program that must not type-check: tests/check-types.js asserts that
// `tsc --strict` reports exactly the error written at its end, and nothing
// else. interval() takes an options object; a bare quantity name was silently
// the headline's interval at 95 % in 1.1 (issue 20) and is a TypeError at run
// time now, and the declarations refuse it before the program runs.
import { Accumulator } from 'cxmetrics';

const acc = new Accumulator('nps');
console.log(acc.interval('mean'));

// expected: misuse.ts(9,26): error TS2559: Type '"mean"' has no properties in common with type 'StatisticsOptions'.
