/** The demo seller's named situations: several blockers, only the 90-day wait left, or ready. */
export const DEMO_SCENARIOS = ['blocked', 'waiting', 'ready'] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];
