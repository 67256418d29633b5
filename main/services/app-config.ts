// The desktop services' configuration, validated once at startup with errors that name the field.
// No hub URL means demo mode: an embedded hub with simulated traffic (see demo/).
import { z } from 'zod';
import { Role } from '../../shared/domain';
import { describeZodError } from '../../shared/result';

export const DemoTraffic = z.object({
  /** Handoffs posted right away, so a newcomer sees work at once. */
  burst: z.number().int().min(0).max(50).default(3),
  /** Then one handoff every min…max ms (random in between). */
  trickleMinMs: z.number().int().min(100).default(20_000),
  trickleMaxMs: z.number().int().min(100).default(40_000),
  /** Total handoffs per run, burst included: the demo calms down instead of piling up. */
  cap: z.number().int().min(0).max(10_000).default(30),
  /** How long an offer waits for the demo agent before it is revoked. */
  offerTimeoutMs: z.number().int().min(1_000).default(120_000),
  /** Customer follow-up messages on accepted conversations. */
  followUpMessages: z.boolean().default(true),
  /** Simulated colleagues taking handoffs; unset means on when signed in as the demo supervisor. */
  colleagues: z.boolean().optional(),
});
export type DemoTraffic = z.infer<typeof DemoTraffic>;

export const AppConfig = z
  .object({
    mode: z.enum(['demo', 'hub']),
    hubUrl: z.string().url().max(2_000).optional(),
    token: z.string().min(1).max(500).optional(),
    /** Where the local store, the demo hub's database and logs live. */
    dataDir: z.string().min(1),
    /** In demo mode: sign in as the demo agent or the demo supervisor. */
    role: Role.default('agent'),
    client: z.object({ name: z.string().max(100), version: z.string().max(50) }).default({ name: 'baton-desktop', version: '0.1.0' }),
    demo: DemoTraffic.default(DemoTraffic.parse({})),
  })
  .superRefine((config, ctx) => {
    if (config.mode === 'hub') {
      if (!config.hubUrl) ctx.addIssue({ code: 'custom', path: ['hubUrl'], message: 'hub mode needs the hub URL (e.g. https://hub.example.com)' });
      if (!config.token) ctx.addIssue({ code: 'custom', path: ['token'], message: 'hub mode needs this agent\'s token' });
    }
    if (config.demo.trickleMaxMs < config.demo.trickleMinMs) {
      ctx.addIssue({ code: 'custom', path: ['demo', 'trickleMaxMs'], message: 'must be at least demo.trickleMinMs' });
    }
  });
export type AppConfig = z.output<typeof AppConfig>;
export type AppConfigInput = z.input<typeof AppConfig>;

export function parseAppConfig(input: unknown): AppConfig {
  const parsed = AppConfig.safeParse(input);
  if (!parsed.success) throw new Error(`invalid Baton configuration: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
