// The traffic simulator: realistic handoffs and customer messages, posted to a hub like a bot platform would.
export { createRng, mulberry32, type Rng } from './random';
export { generateHandoff, DEFAULT_SIMULATION_TIME, TRIGGER_WEIGHTS, type GenerateHandoffOptions } from './generate-handoff';
export { generateCustomerMessage, type CustomerMessageOptions } from './customer-follow-up';
export { runSimulator, validateSimulatorOptions, type SimulatorEvent, type SimulatorOptions, type SimulatorSummary } from './run-simulator';
