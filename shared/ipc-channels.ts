// The only two Electron IPC channel names: every API call goes through `invoke` (method name and
// arguments as data, checked by shared/api-dispatch.ts), every pushed event through `event`.
export const IPC_CHANNELS = {
  invoke: 'baton:invoke',
  event: 'baton:event',
} as const;
