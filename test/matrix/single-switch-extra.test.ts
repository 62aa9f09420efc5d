import { EXTRA_SWITCHES, matrixFile, runCoreFlows, singleSwitchCases } from './matrix';

// Every value of the sandbox's further switches (the README's second table), one at a time.

runCoreFlows(matrixFile(), singleSwitchCases(EXTRA_SWITCHES, false));
