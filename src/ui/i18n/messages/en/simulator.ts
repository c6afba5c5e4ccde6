// English: the simulator area's messages (keys start with "simulator." or "js.simulator.").
export const simulator = {} as const;
