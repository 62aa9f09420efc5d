import { CONTRACT_SWITCHES, matrixFile, runCoreFlows, singleSwitchCases } from './matrix';

// Every value of every switch of the shared contract, the other switches at their defaults, every
// core flow through the node (the README's "Readings (switches)", first table).

runCoreFlows(matrixFile(), singleSwitchCases(CONTRACT_SWITCHES, true));
