import { z } from 'zod';

/** Messages the popup and dashboard send to the background. */
export const pageMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('auth:register'),
    name: z.string().max(200),
    email: z.string().max(320),
    password: z.string().max(1024),
  }),
  z.object({ type: z.literal('auth:login'), email: z.string().max(320), password: z.string().max(1024) }),
  z.object({ type: z.literal('auth:logout') }),
  z.object({ type: z.literal('auth:state') }),
  z.object({ type: z.literal('settings:setServerUrl'), serverUrl: z.string().max(2048) }),
  z.object({ type: z.literal('sync:now') }),
]);
export type PageMessage = z.infer<typeof pageMessageSchema>;

export interface ReplyError {
  message: string;
  fields?: Record<string, string>;
}

export type Reply<T = object> = ({ ok: true } & T) | { ok: false; error: ReplyError };
